// Everything the detail page shows about one site, refreshed every 30 s while the tab is
// visible. A panel whose request failed keeps what it showed (null before its first answer), and
// the page's error message says why; `loaded` tells the panels whether their first answer is in.
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { hasStatus, toProblem } from '@/api/client'
import type { ChartRange, Check, Heartbeat, Notification, Series, StateChange, Stats, Website, Window } from '@/api/types'
import * as websites from '@/api/websites'
import { useAutoRefresh } from './useAutoRefresh'

export const WINDOWS: Window[] = ['24h', '7d', '30d', '1y']
const CHECKS_PAGE = 50

export function useWebsiteDetail(id: number, refreshMs = 30_000) {
  const website = shallowRef<Website | null>(null)
  const notFound = ref(false)
  const error = ref<string | null>(null)
  const stats = reactive<Record<Window, Stats | null>>({ '24h': null, '7d': null, '30d': null, '1y': null })
  const chartWindow = ref<ChartRange>('24h')
  const series = shallowRef<Series | null>(null)
  const seriesLoading = ref(false)
  const checks = shallowRef<Check[]>([])
  const checksMore = ref(false)
  const checksLoading = ref(false)
  const checksError = ref<string | null>(null)
  const stateChanges = shallowRef<StateChange[] | null>(null)
  const notifications = shallowRef<Notification[] | null>(null)
  const loaded = ref(false)

  async function loadSeries() {
    const wanted = chartWindow.value
    seriesLoading.value = true
    try {
      const data = await websites.fetchSeries(id, wanted)
      if (wanted === chartWindow.value) series.value = data
    } finally {
      seriesLoading.value = false
    }
  }

  /** The newest checks, merged in front of what is shown (keeps pages already loaded with "Older"). */
  async function loadNewestChecks() {
    const rows = await websites.listChecks(id, null, CHECKS_PAGE)
    const known = new Set(checks.value.map((c) => c.id))
    if (!checks.value.length) {
      checks.value = rows
      checksMore.value = rows.length === CHECKS_PAGE
    } else {
      const fresh = rows.filter((c) => !known.has(c.id))
      if (fresh.length) checks.value = [...fresh, ...checks.value]
    }
  }

  async function loadOlderChecks() {
    const last = checks.value[checks.value.length - 1]
    if (!last || checksLoading.value) return
    checksLoading.value = true
    checksError.value = null
    try {
      const rows = await websites.listChecks(id, last.checked_at, CHECKS_PAGE)
      checks.value = [...checks.value, ...rows]
      checksMore.value = rows.length === CHECKS_PAGE
    } catch (e) {
      checksError.value = toProblem(e).message
    } finally {
      checksLoading.value = false
    }
  }

  async function load() {
    try {
      website.value = await websites.getWebsite(id)
      notFound.value = false
    } catch (e) {
      if (hasStatus(e, 404)) {
        notFound.value = true
        website.value = null
      } else {
        error.value = toProblem(e).message
      }
      return
    }
    const settled = await Promise.allSettled([
      ...WINDOWS.map(async (w) => (stats[w] = await websites.fetchStats(id, w))),
      loadSeries(),
      loadNewestChecks(),
      websites.fetchStateChanges(id).then((rows) => (stateChanges.value = rows)),
      websites.fetchNotifications(id).then((rows) => (notifications.value = rows)),
    ])
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    error.value = failed ? toProblem(failed.reason).message : null
    loaded.value = true
  }

  // The heartbeat bar: the newest checks already loaded for the history, oldest first.
  const heartbeats = computed<Heartbeat[]>(() =>
    checks.value
      .slice(0, websites.HEARTBEATS)
      .reverse()
      .map((c) => ({
        t: c.checked_at,
        status: c.status,
        code: c.status_code,
        ms: c.response_time,
        kind: c.error_kind,
        error: c.error_message,
      })),
  )

  const { refresh, busy } = useAutoRefresh(load, refreshMs)
  watch(chartWindow, () => {
    loadSeries().catch((e: unknown) => (error.value = toProblem(e).message))
  })

  return {
    website,
    notFound,
    error,
    stats,
    chartWindow,
    series,
    seriesLoading,
    checks,
    heartbeats,
    checksMore,
    checksLoading,
    checksError,
    stateChanges,
    notifications,
    loaded,
    busy,
    refresh,
    loadOlderChecks,
    /** After an action that returned the new website (pause, resume). */
    replaceWebsite: (site: Website) => (website.value = site),
  }
}
