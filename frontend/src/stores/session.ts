import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auth from '@/api/auth'
import { hasStatus } from '@/api/client'
import type { User } from '@/api/types'

// Remembers that this browser had a session, so that a page opened after it ended (the cookie
// expired overnight, or was signed out elsewhere) can say so rather than look like a first visit.
// Not a secret: the session itself is the HttpOnly cookie, which this code never sees.
const HAD_SESSION = 'webmon.had-session'

function remember(had: boolean): void {
  try {
    if (had) window.localStorage.setItem(HAD_SESSION, '1')
    else window.localStorage.removeItem(HAD_SESSION)
  } catch {
    // Storage refused (private mode): only the message after a reload is lost.
  }
}

function hadSession(): boolean {
  try {
    return window.localStorage.getItem(HAD_SESSION) === '1'
  } catch {
    return false
  }
}

/** Who is signed in. The session itself is an HttpOnly cookie this code never sees. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const signedIn = computed(() => user.value !== null)
  /** The last session ended on its own or elsewhere (not by logging out here): the login page says so. */
  const ended = ref(false)

  function signedInAs(who: User | null): User | null {
    user.value = who
    if (who) {
      ended.value = false
      remember(true)
    }
    return who
  }

  /** Ask the server who we are; null (no throw) when not signed in. */
  async function load(): Promise<User | null> {
    try {
      return signedInAs(await auth.fetchMe())
    } catch (error) {
      if (!hasStatus(error, 401)) throw error
      if (hadSession()) expire()
      user.value = null
      return null
    }
  }

  async function login(email: string, password: string): Promise<User> {
    return signedInAs(await auth.signIn(email, password)) as User
  }

  async function logout(): Promise<void> {
    try {
      await auth.signOut()
    } finally {
      forget()
    }
  }

  /** Forget the user without a word (logging out, or a password change that has its own notice). */
  function forget(): void {
    user.value = null
    ended.value = false
    remember(false)
  }

  /** The server refused the session: it expired or was revoked. */
  function expire(): void {
    if (user.value !== null || hadSession()) ended.value = true
    user.value = null
    remember(false)
  }

  return { user, signedIn, ended, load, login, logout, forget, expire }
})
