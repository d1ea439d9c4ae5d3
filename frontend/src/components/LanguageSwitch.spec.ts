import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { api } from '@/api/client'
import { currentLocale, LOCALE_KEY, storedLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { mockAdapter, type Reply } from '@/test/http'
import LanguageSwitch from './LanguageSwitch.vue'

const user = { id: 1, email: 'a@example.com', username: 'alice', balance: 0, is_active: true, created_at: '2025-01-01T00:00:00Z' }

function mount(reply: Reply) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const seen = mockAdapter(api, () => reply)
  render(LanguageSwitch, { global: { plugins: [pinia] } })
  return seen
}

describe('the language switch', () => {
  beforeEach(() => window.localStorage.clear())

  it('switches the page, <html lang> and this browser to the language picked', async () => {
    mount({ status: 200, data: {} })
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ru')
    expect(currentLocale()).toBe('ru')
    expect(document.documentElement.lang).toBe('ru')
    expect(window.localStorage.getItem(LOCALE_KEY)).toBe('ru')
    expect(screen.getByRole('combobox', { name: 'Язык' })).toBeTruthy()
  })

  it('keeps the choice on the account when signed in', async () => {
    const seen = mount({ status: 200, data: { ...user, locale: 'ru' } })
    useSessionStore().user = user
    await userEvent.setup().selectOptions(screen.getByRole('combobox'), 'ru')
    const patch = seen.find((c) => c.method === 'patch')
    expect(patch?.url).toBe('/auth/me')
    expect(JSON.parse(patch?.data as string)).toEqual({ locale: 'ru' })
    expect(useSessionStore().user?.locale).toBe('ru')
  })

  it('still switches, and remembers it here, when the server cannot store it (422)', async () => {
    mount({ status: 422, data: { detail: [{ type: 'extra_forbidden', loc: ['body', 'locale'], msg: 'Extra inputs are not permitted' }] } })
    useSessionStore().user = user
    await userEvent.setup().selectOptions(screen.getByRole('combobox'), 'ru')
    expect(currentLocale()).toBe('ru')
    expect(storedLocale()).toBe('ru')
  })
})

describe('the account language', () => {
  it('wins after sign-in and is kept for the login page', async () => {
    setActivePinia(createPinia())
    mockAdapter(api, () => ({ status: 200, data: { ...user, locale: 'ru' } }))
    await useSessionStore().login('a@example.com', 'a long password')
    expect(currentLocale()).toBe('ru')
    expect(storedLocale()).toBe('ru')
  })

  it('leaves the language alone when the account has none', async () => {
    setActivePinia(createPinia())
    mockAdapter(api, () => ({ status: 200, data: { ...user, locale: null } }))
    await useSessionStore().load()
    expect(currentLocale()).toBe('en')
  })
})
