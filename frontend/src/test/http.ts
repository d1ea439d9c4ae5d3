// Test helper: answer axios requests without a network, through a custom adapter.
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'

export interface Reply {
  status: number
  data?: unknown
  headers?: Record<string, string>
}

export type Handler = (config: InternalAxiosRequestConfig) => Reply | Promise<Reply>

/** Route every request of `client` to `handler`; returns the list of requests seen. */
export function mockAdapter(client: AxiosInstance, handler: Handler): InternalAxiosRequestConfig[] {
  const seen: InternalAxiosRequestConfig[] = []
  const adapter: AxiosAdapter = async (config) => {
    seen.push(config)
    const reply = await handler(config)
    const response = {
      data: reply.data ?? '',
      status: reply.status,
      statusText: String(reply.status),
      headers: new AxiosHeaders(reply.headers ?? {}),
      config,
      request: {},
    }
    if (reply.status >= 200 && reply.status < 300) return response
    throw new AxiosError(`Request failed with status code ${reply.status}`, AxiosError.ERR_BAD_REQUEST, config, {}, response)
  }
  client.defaults.adapter = adapter
  return seen
}
