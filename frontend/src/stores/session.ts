import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auth from '@/api/auth'
import { hasStatus } from '@/api/client'
import type { User } from '@/api/types'

/** Who is signed in. The session itself is an HttpOnly cookie this code never sees. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const signedIn = computed(() => user.value !== null)

  /** Ask the server who we are; null (no throw) when not signed in. */
  async function load(): Promise<User | null> {
    try {
      user.value = await auth.fetchMe()
    } catch (error) {
      if (!hasStatus(error, 401)) throw error
      user.value = null
    }
    return user.value
  }

  async function login(email: string, password: string): Promise<User> {
    user.value = await auth.signIn(email, password)
    return user.value
  }

  async function logout(): Promise<void> {
    try {
      await auth.signOut()
    } finally {
      user.value = null
    }
  }

  function forget(): void {
    user.value = null
  }

  return { user, signedIn, load, login, logout, forget }
})
