import { api, optional } from './client'
import type {
  ChartRange,
  Check,
  CheckQueued,
  Heartbeats,
  Notification,
  Series,
  StateChange,
  Stats,
  StatusFilter,
  Summary,
  Website,
  WebsiteInput,
  WebsitePage,
  Window,
} from './types'

export const PAGE_SIZE = 100

export interface ListParams {
  limit?: number
  offset?: number
  status?: StatusFilter | null
  q?: string | null
}

export async function listWebsites(params: ListParams, signal?: AbortSignal): Promise<WebsitePage> {
  const query: Record<string, string | number> = { limit: params.limit ?? PAGE_SIZE, offset: params.offset ?? 0 }
  if (params.status) query.status = params.status
  if (params.q?.trim()) query.q = params.q.trim()
  const response = await api.get<Website[]>('/websites', { params: query, signal })
  const total = Number(response.headers['x-total-count'])
  return { items: response.data, total: Number.isFinite(total) ? total : response.data.length }
}

export async function fetchSummary(): Promise<Summary | null> {
  return optional(api.get<Summary>('/websites/summary').then((r) => r.data))
}

export const HEARTBEATS = 50

export async function fetchHeartbeats(ids: number[], signal?: AbortSignal): Promise<Heartbeats | null> {
  if (!ids.length) return {}
  const params = { ids: ids.join(','), limit: HEARTBEATS }
  return optional(api.get<Heartbeats>('/websites/heartbeats', { params, signal }).then((r) => r.data))
}

export async function getWebsite(id: number): Promise<Website> {
  return (await api.get<Website>(`/websites/${id}`)).data
}

export async function createWebsite(input: Partial<WebsiteInput>): Promise<Website> {
  return (await api.post<Website>('/websites', input)).data
}

export async function updateWebsite(id: number, changes: Partial<WebsiteInput>): Promise<Website> {
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

export async function fetchStats(id: number, window: Window): Promise<Stats | null> {
  return optional(api.get<Stats>(`/websites/${id}/stats`, { params: { window } }).then((r) => r.data))
}

export async function fetchSeries(id: number, window: ChartRange): Promise<Series | null> {
  return optional(api.get<Series>(`/websites/${id}/series`, { params: { window } }).then((r) => r.data))
}

export async function fetchStateChanges(id: number, limit = 50): Promise<StateChange[] | null> {
  return optional(api.get<StateChange[]>(`/websites/${id}/state-changes`, { params: { limit } }).then((r) => r.data))
}

export async function fetchNotifications(id: number, limit = 50): Promise<Notification[] | null> {
  return optional(api.get<Notification[]>(`/websites/${id}/notifications`, { params: { limit } }).then((r) => r.data))
}
