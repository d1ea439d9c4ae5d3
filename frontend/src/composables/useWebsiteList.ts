// The dashboard's data: one page of sites (server-side paging, filter and search), the header
// counts and the heartbeat bars of the visible rows only (one request for the page). Filter, search, tags and page live
// in the URL (?status=down&q=shop&tag=prod&page=2) so they survive a reload and work with Back.
import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router'
import { isAborted, toProblem } from '@/api/client'
import type { Heartbeats, StatusFilter, Summary, WebsiteListItem } from '@/api/types'
import { fetchHeartbeats, fetchSummary, listWebsites, PAGE_SIZE } from '@/api/websites'
import { FILTER_STATUSES } from '@/status/statuses'
import { useTitleStore } from '@/stores/title'
import { useAutoRefresh } from './useAutoRefresh'

const FILTERS: readonly StatusFilter[] = FILTER_STATUSES
const SEARCH_DELAY_MS = 300

function one(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v !== '' ? v : null
}

export function useWebsiteList(refreshMs = 30_000) {
  const route = useRoute()
  const router = useRouter()
  const title = useTitleStore()

  const status = computed<StatusFilter | null>(() => {
    const s = one(route.query.status)
    return FILTERS.includes(s as StatusFilter) ? (s as StatusFilter) : null
  })
  const q = computed(() => one(route.query.q) ?? '')
  const tag = computed(() => one(route.query.tag))
  const page = computed(() => Math.max(1, Math.floor(Number(one(route.query.page) ?? 1)) || 1))
  const offset = computed(() => (page.value - 1) * PAGE_SIZE)

  /** The filters as the list endpoint takes them (also for "select all matching"). */
  const filters = computed(() => ({ status: status.value, q: q.value, tags: tag.value ? [tag.value] : [] }))

  const sites = shallowRef<WebsiteListItem[]>([])
  const total = ref(0)
  const summary = shallowRef<Summary | null>(null)
  const heartbeats = shallowRef<Heartbeats | null>(null)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null

  // A new check can land on any row between two refreshes: the bars are asked for on every one.
  // A failed request keeps the bars shown (and the page says why), unless the page shows other sites.
  let beatsKey = ''
  async function loadHeartbeats(ids: number[], signal: AbortSignal) {
    const key = ids.join(',')
    if (key !== beatsKey) heartbeats.value = null
    beatsKey = key
    const data = await fetchHeartbeats(ids, signal)
    if (!signal.aborted) heartbeats.value = data
  }

  let loadedKey = ''
  async function load() {
    const key = `${status.value}|${q.value}|${tag.value}|${offset.value}`
    controller?.abort()
    const current = (controller = new AbortController())
    const summaryRequest = fetchSummary()
    summaryRequest.catch(() => {}) // awaited below, after the list; not an unhandled rejection meanwhile
    try {
      const result = await listWebsites(
        { limit: PAGE_SIZE, offset: offset.value, ...filters.value },
        current.signal,
      )
      if (current.signal.aborted) return
      if (!result.items.length && result.total > 0 && offset.value > 0) {
        // The page emptied (sites deleted elsewhere): go to the last page that has sites.
        void setQuery({ page: Math.ceil(result.total / PAGE_SIZE) })
        return
      }
      sites.value = result.items
      total.value = result.total
      error.value = null
      loaded.value = true
      loadedKey = key
      // The counts and heartbeat bars are extras: either failing keeps the list and says why.
      const extras = await Promise.allSettled([
        summaryRequest.then((counts) => {
          if (current.signal.aborted) return
          summary.value = counts
          if (counts) title.down = counts.down
        }),
        loadHeartbeats(result.items.map((s) => s.id), current.signal),
      ])
      const failed = extras.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    } catch (e) {
      if (isAborted(e) || current.signal.aborted) return
      // Keep showing the last good list on a failed refresh, but not under a different filter.
      if (key !== loadedKey) loaded.value = false
      error.value = toProblem(e).message
    }
  }

  const { refresh, busy } = useAutoRefresh(load, refreshMs)

  function setQuery(changes: { status?: StatusFilter | null; q?: string; tag?: string | null; page?: number }) {
    const query: LocationQueryRaw = { ...route.query }
    const put = (key: string, value: string | number | null | undefined) => {
      if (value === null || value === undefined || value === '') delete query[key]
      else query[key] = String(value)
    }
    if ('status' in changes) put('status', changes.status)
    if ('q' in changes) put('q', changes.q)
    if ('tag' in changes) put('tag', changes.tag)
    // A new filter or search starts again at page 1.
    const nextPage = changes.page ?? ('status' in changes || 'q' in changes || 'tag' in changes ? 1 : page.value)
    put('page', nextPage > 1 ? nextPage : null)
    return router.replace({ query })
  }

  // The search box: typed text, sent to the server after a pause in typing.
  const search = ref(q.value)
  let searchTimer: ReturnType<typeof setTimeout> | null = null
  watch(search, (text) => {
    if (searchTimer) clearTimeout(searchTimer)
    searchTimer = setTimeout(() => {
      if (text.trim() !== q.value) void setQuery({ q: text.trim() })
    }, SEARCH_DELAY_MS)
  })
  watch(q, (value) => {
    if (value !== search.value.trim()) search.value = value
  })

  watch(
    () => [status.value, q.value, tag.value, page.value],
    () => {
      controller?.abort() // the old page's answer is no longer wanted
      void refresh()
    },
  )

  return {
    sites,
    total,
    summary,
    heartbeats,
    loaded,
    error,
    busy,
    status,
    q,
    tag,
    filters,
    search,
    offset,
    pageSize: PAGE_SIZE,
    refresh,
    filterBy: (s: StatusFilter | null) => setQuery({ status: s }),
    filterByTag: (t: string | null) => setQuery({ tag: t }),
    clearFilters: () => {
      search.value = ''
      return setQuery({ status: null, q: '', tag: null })
    },
    goToOffset: (o: number) => setQuery({ page: Math.floor(o / PAGE_SIZE) + 1 }),
  }
}
