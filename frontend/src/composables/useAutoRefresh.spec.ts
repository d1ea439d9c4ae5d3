import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useAutoRefresh } from './useAutoRefresh'

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('useAutoRefresh', () => {
  let scope: ReturnType<typeof effectScope>

  beforeEach(() => {
    vi.useFakeTimers()
    setVisibility('visible')
    scope = effectScope()
  })

  afterEach(() => {
    scope.stop()
    vi.useRealTimers()
  })

  function start(task: () => unknown, interval = 30_000) {
    return scope.run(() => useAutoRefresh(task, interval))!
  }

  it('runs at once and then every 30 seconds', async () => {
    const task = vi.fn()
    start(task)
    expect(task).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(29_999)
    expect(task).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(task).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(task).toHaveBeenCalledTimes(4)
  })

  it('pauses while the tab is hidden and refreshes as soon as it is visible again', async () => {
    const task = vi.fn()
    start(task)
    await vi.advanceTimersByTimeAsync(0)
    setVisibility('hidden')
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(task).toHaveBeenCalledTimes(1)
    setVisibility('visible')
    await vi.advanceTimersByTimeAsync(0)
    expect(task).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(task).toHaveBeenCalledTimes(3)
  })

  it('refresh() runs now and restarts the countdown (after an action)', async () => {
    const task = vi.fn()
    const { refresh } = start(task)
    await vi.advanceTimersByTimeAsync(20_000)
    await refresh()
    expect(task).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(29_000)
    expect(task).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(task).toHaveBeenCalledTimes(3)
  })

  it('never runs twice at once: a refresh during a run follows it', async () => {
    let finish: () => void = () => {}
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const { refresh, busy } = start(task)
    expect(busy.value).toBe(true)
    const again = refresh()
    const andAgain = refresh()
    expect(task).toHaveBeenCalledTimes(1)
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(task).toHaveBeenCalledTimes(2)
    finish()
    await Promise.all([again, andAgain])
    expect(task).toHaveBeenCalledTimes(2)
    expect(busy.value).toBe(false)
  })

  it('keeps going after a failed run', async () => {
    const task = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined)
    start(task)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(task).toHaveBeenCalledTimes(2)
  })

  it('stops when its component goes away', async () => {
    const task = vi.fn()
    start(task)
    scope.stop()
    await vi.advanceTimersByTimeAsync(120_000)
    setVisibility('hidden')
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(1)
  })
})
