// One shared clock that ticks every second while any component shows a relative time
// ("12 s ago"), instead of one timer per row.
import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

export function useNow(): Readonly<Ref<number>> {
  if (users++ === 0) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), 1000)
  }
  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (--users === 0 && timer !== null) {
        clearInterval(timer)
        timer = null
      }
    })
  }
  return readonly(now)
}
