// Keep Tab and Shift+Tab inside an open dialog, close it on Escape, and give focus back to
// whatever opened it when it closes.
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function useFocusTrap(container: Ref<HTMLElement | null>, open: Ref<boolean>, onEscape: () => void) {
  let opener: HTMLElement | null = null

  function focusables(): HTMLElement[] {
    return container.value ? Array.from(container.value.querySelectorAll<HTMLElement>(FOCUSABLE)) : []
  }

  function onKeydown(event: KeyboardEvent) {
    if (!open.value) return
    if (event.key === 'Escape') {
      event.preventDefault()
      onEscape()
      return
    }
    if (event.key !== 'Tab') return
    const items = focusables()
    if (!items.length) {
      event.preventDefault()
      return
    }
    const first = items[0]!
    const last = items[items.length - 1]!
    const active = document.activeElement
    if (event.shiftKey && (active === first || !container.value?.contains(active))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || !container.value?.contains(active))) {
      event.preventDefault()
      first.focus()
    }
  }

  watch(
    open,
    async (isOpen) => {
      if (isOpen) {
        opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
        document.addEventListener('keydown', onKeydown)
        await nextTick()
        const preferred = container.value?.querySelector<HTMLElement>('[data-autofocus]')
        ;(preferred ?? focusables()[0] ?? container.value)?.focus()
      } else {
        document.removeEventListener('keydown', onKeydown)
        opener?.focus()
        opener = null
      }
    },
    { immediate: true },
  )

  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown))
}
