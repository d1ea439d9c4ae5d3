import { defineStore } from 'pinia'
import { ref } from 'vue'

/** A one-off message shown on the next page ("Website deleted."), cleared when the user moves on. */
export const useFlashStore = defineStore('flash', () => {
  const message = ref<string | null>(null)
  const kind = ref<'success' | 'info' | 'error'>('success')
  let path: string | null = null

  function show(text: string, type: 'success' | 'info' | 'error' = 'success') {
    message.value = text
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

  return { message, kind, show, navigated, clear }
})
