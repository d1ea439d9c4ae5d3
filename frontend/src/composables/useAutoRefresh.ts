// Run `task` now, then every `intervalMs` while the tab is visible. Hidden tab: the timer stops;
// visible again: refresh at once and start over. `refresh()` runs it now (after an action) and
// restarts the countdown. Never two runs at once: a refresh asked for during a run follows it.
import { getCurrentScope, onScopeDispose, ref } from 'vue'

export interface AutoRefreshOptions {
  /** Run the task as soon as the composable is created (default true). */
  immediate?: boolean
}

export function useAutoRefresh(
  task: () => unknown | Promise<unknown>,
  intervalMs = 30_000,
  { immediate = true }: AutoRefreshOptions = {},
) {
  const busy = ref(false)
  const lastRefreshed = ref<number | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null
  let stopped = false

  const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden'

  function clear() {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function schedule() {
    clear()
    if (!stopped && !hidden()) timer = setTimeout(() => void refresh(), intervalMs)
  }

  function run(): Promise<void> {
    clear()
    busy.value = true
    running = (async () => {
      try {
        await task()
      } catch {
        // The task reports its own errors; a failed refresh must not stop the next one.
      } finally {
        busy.value = false
        lastRefreshed.value = Date.now()
        running = null
        if (!queued) schedule()
      }
    })()
    return running
  }

  function refresh(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (running) {
      queued ??= running.then(() => {
        queued = null
        return stopped ? undefined : run()
      })
      return queued
    }
    return run()
  }

  function onVisibilityChange() {
    if (hidden()) clear()
    else void refresh()
  }

  function stop() {
    stopped = true
    clear()
    document.removeEventListener('visibilitychange', onVisibilityChange)
  }

  document.addEventListener('visibilitychange', onVisibilityChange)
  if (getCurrentScope()) onScopeDispose(stop)
  if (immediate) void refresh()
  else schedule()

  return { refresh, busy, lastRefreshed, stop }
}
