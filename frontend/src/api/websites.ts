import { api } from './client'
import type {
  ChartRange,
  BulkRequest,
  BulkResult,
  Check,
  CheckQueued,
  Heartbeats,
  Notification,
  Series,
  StateChange,
  Stats,
  StatusFilter,
  Summary,
  TagCount,
  Website,
  WebsiteCreate,
  WebsiteListItem,
  WebsitePage,
  WebsiteUpdate,
  Window,
} from './types'

export const PAGE_SIZE = 100

export interface ListParams {
  limit?: number
  offset?: number
  status?: StatusFilter | null
  q?: string | null
  /** Only sites with every one of these tags. */
  tags?: string[]
}

/** The largest page the list endpoint serves, and the most ids one bulk request takes. */
export const MAX_PAGE_SIZE = 1000
export const MAX_BULK_IDS = 1000

export async function listWebsites(params: ListParams, signal?: AbortSignal): Promise<WebsitePage> {
  // URLSearchParams: a repeated ?tag= (axios would send an array as tag[]=).
  const query = new URLSearchParams({ limit: String(params.limit ?? PAGE_SIZE), offset: String(params.offset ?? 0) })
  if (params.status) query.set('status', params.status)
  if (params.q?.trim()) query.set('q', params.q.trim())
  for (const tag of params.tags ?? []) query.append('tag', tag)
  const response = await api.get<WebsiteListItem[]>('/websites', { params: query, signal })
  const total = Number(response.headers['x-total-count'])
  return { items: response.data, total: Number.isFinite(total) ? total : response.data.length }
}

export async function fetchSummary(): Promise<Summary> {
  return (await api.get<Summary>('/websites/summary')).data
}

export const HEARTBEATS = 50

/** The heartbeat bars of a page of sites, in one request. */
export async function fetchHeartbeats(ids: number[], signal?: AbortSignal): Promise<Heartbeats> {
  if (!ids.length) return {}
  const params = { ids: ids.join(','), limit: HEARTBEATS }
  return (await api.get<Heartbeats>('/websites/heartbeats', { params, signal })).data
}

export async function getWebsite(id: number): Promise<Website> {
  return (await api.get<Website>(`/websites/${id}`)).data
}

export async function createWebsite(input: WebsiteCreate): Promise<Website> {
  return (await api.post<Website>('/websites', input)).data
}

export async function updateWebsite(id: number, changes: WebsiteUpdate): Promise<Website> {
  return (await api.patch<Website>(`/websites/${id}`, changes)).data
}

export async function deleteWebsite(id: number): Promise<void> {
  await api.delete(`/websites/${id}`)
}

export async function checkNow(id: number): Promise<CheckQueued> {
  return (await api.post<CheckQueued>(`/websites/${id}/check`)).data
}

export async function listChecks(id: number, before?: string | null, limit = 50): Promise<Check[]> {
  const params: Record<string, string | number> = { limit }
  if (before) params.before = before
  return (await api.get<Check[]>(`/websites/${id}/checks`, { params })).data
}

export async function fetchStats(id: number, window: Window): Promise<Stats> {
  return (await api.get<Stats>(`/websites/${id}/stats`, { params: { window } })).data
}

export async function fetchSeries(id: number, window: ChartRange): Promise<Series> {
  return (await api.get<Series>(`/websites/${id}/series`, { params: { window } })).data
}

export async function fetchStateChanges(id: number, limit = 50): Promise<StateChange[]> {
  return (await api.get<StateChange[]>(`/websites/${id}/state-changes`, { params: { limit } })).data
}

export async function fetchNotifications(id: number, limit = 50): Promise<Notification[]> {
  return (await api.get<Notification[]>(`/websites/${id}/notifications`, { params: { limit } })).data
}

export async function fetchTags(): Promise<TagCount[]> {
  return (await api.get<TagCount[]>('/websites/tags')).data
}

export async function bulkAction(request: BulkRequest): Promise<BulkResult> {
  return (await api.post<BulkResult>('/websites/bulk', request)).data
}

/** The ids of every site matching the filters, up to `max` (one request). */
export async function matchingIds(params: ListParams, max = MAX_BULK_IDS): Promise<number[]> {
  const page = await listWebsites({ ...params, limit: Math.min(max, MAX_PAGE_SIZE), offset: 0 })
  return page.items.map((site) => site.id)
}
