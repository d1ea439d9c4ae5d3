import { defineStore } from 'pinia'
import { ref, watch, watchEffect } from 'vue'
import { useSessionStore } from './session'

export const APP_NAME = 'Webmon'

/** The tab's title: "(2) Dashboard · Webmon" while two sites are down, so a background tab tells. */
export function documentTitle(page: string | null, down: number | null): string {
  const base = page ? `${page} · ${APP_NAME}` : APP_NAME
  return down ? `(${down}) ${base}` : base
}

/** The page's own title (set on navigation and by pages that know a better one) and the last
 * known number of sites down (set whenever the dashboard's counts are fetched). */
export const useTitleStore = defineStore('title', () => {
  const page = ref<string | null>(null)
  const down = ref<number | null>(null)
  // Signed out: the count was someone else's.
  watch(
    () => useSessionStore().signedIn,
    (signedIn) => {
      if (!signedIn) down.value = null
    },
  )
  watchEffect(() => {
    if (typeof document !== 'undefined') document.title = documentTitle(page.value, down.value)
  })
  return { page, down }
})
