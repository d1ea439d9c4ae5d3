import { AxiosError, AxiosHeaders } from 'axios'

/** An axios error as the API would produce it: `httpError(422, {detail: [...]})`. */
export function httpError(status: number, data: unknown = {}): AxiosError {
  const config = { headers: new AxiosHeaders() }
  const response = { status, data, statusText: String(status), headers: new AxiosHeaders(), config }
  return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_REQUEST', config, {}, response)
}
