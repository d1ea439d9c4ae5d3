import { api } from './client'
import type { ServerMeta } from './types'

/** What this server tells anyone (no sign-in): its version and limits, such as the minimum interval. */
export async function fetchMeta(): Promise<ServerMeta> {
  return (await api.get<ServerMeta>('/meta', { skipAuthRedirect: true })).data
}
