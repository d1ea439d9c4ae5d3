import { api } from './client'
import type { Meta } from './types'

/** What this server tells anyone (no sign-in): its version and limits, such as the minimum interval. */
export async function fetchMeta(): Promise<Meta> {
  return (await api.get<Meta>('/meta', { skipAuthRedirect: true })).data
}
