import { api, hasStatus } from './client'
import type { User } from './types'
import { currentLocale } from '@/i18n'

export async function signIn(email: string, password: string): Promise<User> {
  // A 401 here means "wrong password": the form shows it, no redirect.
  const { data } = await api.post<User>('/auth/session', { email, password }, { skipAuthRedirect: true })
  return data
}

/** Ends the session on the server too: the cookie is worthless afterwards, even if kept. */
export async function signOut(): Promise<void> {
  await api.post('/auth/logout', undefined, { skipAuthRedirect: true })
}

/** A new account speaks the language the dashboard shows now (the browser's, or the one picked). */
export async function register(email: string, username: string, password: string, invitation?: string | null): Promise<User> {
  const body = { email, username, password, locale: currentLocale(), ...(invitation ? { invitation } : {}) }
  const { data } = await api.post<User>('/auth/register', body, { skipAuthRedirect: true })
  return data
}

/** The signed-in user; rejects with a 401 when there is no session (no redirect: the caller decides). */
export async function fetchMe(): Promise<User> {
  const { data } = await api.get<User>('/auth/me', { skipAuthRedirect: true })
  return data
}

/**
 * Keep the language on the account. Null when this server cannot store it yet (404/405/422):
 * the caller keeps the choice in the browser only.
 */
export async function saveLocale(locale: 'en' | 'ru'): Promise<User | null> {
  try {
    return (await api.patch<User>('/auth/me', { locale })).data
  } catch (error) {
    if (hasStatus(error, 404, 405, 422)) return null
    throw error
  }
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post('/auth/change-password', { current_password: currentPassword, new_password: newPassword })
}
