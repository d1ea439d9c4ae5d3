import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { t } from '@/i18n'

/**
 * A one-off message shown on the next page ("Website deleted."), cleared when the user moves on.
 * Kept as a catalogue key and its values, so it follows a language switch while shown.
 */
export type FlashMessage = string | { key: string; values?: Record<string, unknown> }

export const useFlashStore = defineStore('flash', () => {
  const message = ref<FlashMessage | null>(null)
  const kind = ref<'success' | 'info' | 'error'>('success')
  let path: string | null = null

  /** A catalogue key (`{key, values}`), or a text that is already translated (the server's words). */
  const text = computed(() => {
    const m = message.value
    if (m === null) return null
    return typeof m === 'string' ? m : t(m.key, m.values ?? {})
  })

  function show(value: FlashMessage, type: 'success' | 'info' | 'error' = 'success') {
    message.value = value
    kind.value = type
    path = null
  }

  /** Called after each navigation: keep the message for the page it was meant for, then drop it. */
  function navigated(toPath: string) {
    if (!message.value) return
    if (path === null) path = toPath
    else if (path !== toPath) clear()
  }

  function clear() {
    message.value = null
    path = null
  }

  return { message, text, kind, show, navigated, clear }
})
