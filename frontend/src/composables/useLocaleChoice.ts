// The language: the browser's until the user picks one. A pick is kept in this browser (so the
// login page speaks it) and on the account (PATCH /auth/me), whose choice wins after sign-in.
import { saveLocale } from '@/api/auth'
import { applyLocale, storeLocale, type Locale } from '@/i18n'
import { useSessionStore } from '@/stores/session'

export function useLocaleChoice() {
  const session = useSessionStore()

  async function choose(locale: Locale): Promise<void> {
    applyLocale(locale)
    storeLocale(locale)
    if (!session.user) return
    const saved = await saveLocale(locale).catch(() => null)
    if (saved) session.user = { ...session.user, ...saved }
  }

  return { choose }
}
