// The dashboard's two languages. Every visible string lives in en.json and ru.json (same keys;
// catalogues.spec.ts fails when one has a key the other lacks). Composition API mode only.
import { createI18n } from 'vue-i18n'
import en from './en.json'
import ru from './ru.json'

export const LOCALES = ['en', 'ru'] as const
export type Locale = (typeof LOCALES)[number]

/** Chosen in the header, kept for the login page (and for a server that cannot store it yet). */
export const LOCALE_KEY = 'webmon.locale'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The browser's preference: any Russian (ru, ru-RU, ru-UA) → ru, everything else → en. */
export function browserLocale(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? []): Locale {
  const first = languages.find((l) => /^(ru|en)\b/i.test(l))
  return first && /^ru\b/i.test(first) ? 'ru' : 'en'
}

export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(LOCALE_KEY)
    return isLocale(value) ? value : null
  } catch {
    return null
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale)
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

const russianPlurals = new Intl.PluralRules('ru')

/**
 * Russian has three forms: "1 сайт | 2 сайта | 5 сайтов" (21 сайт, 22 сайта, 25 сайтов, 11 сайтов).
 * A message with four forms starts with the zero form.
 */
export function russianPlural(choice: number, choicesLength: number): number {
  const offset = choicesLength >= 4 ? 1 : 0
  if (offset && choice === 0) return 0
  const form = russianPlurals.select(Math.abs(choice))
  const index = form === 'one' ? 0 : form === 'few' ? 1 : 2
  return Math.min(index + offset, choicesLength - 1)
}

export function createAppI18n(locale: Locale = storedLocale() ?? browserLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, ru },
    pluralRules: { ru: russianPlural },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = createAppI18n()

/** The one place the language changes: messages, `Intl` formats and `<html lang>` follow it. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

/** `t` outside components (API error texts, the router's document title). */
export function t(key: string, named: Record<string, unknown> = {}, plural?: number): string {
  return plural === undefined ? i18n.global.t(key, named) : i18n.global.t(key, named, plural)
}
