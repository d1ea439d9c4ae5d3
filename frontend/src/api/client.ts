// The one HTTP client of the dashboard. Every call to the backend goes through `api`.
//
// Security model: the dashboard signs in with an HttpOnly session cookie (POST /auth/session),
// never with a token kept in JavaScript. Page scripts cannot read an HttpOnly cookie, so even an
// XSS could not steal the session and use it elsewhere. A cookie is sent on cross-site requests
// too, though, so the backend also demands a custom `X-Requested-With` header on every request
// that changes something: a form on another site cannot add a custom header (and a script on
// another origin may not, without CORS consent), which stops cross-site form posts (CSRF).
// SameSite=Strict on the cookie is a second, independent guard.
import axios, { isAxiosError, isCancel, type AxiosError, type AxiosInstance } from 'axios'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Handle a 401 at the call site instead of sending the user to the login page. */
    skipAuthRedirect?: boolean
  }
}

export const CSRF_HEADER = 'X-Requested-With'
export const CSRF_VALUE = 'webmon'
export const API_BASE = '/api/v1'

type LoginRedirect = (next: string) => void

let loginRedirect: LoginRedirect = (next) => {
  window.location.assign(`/login?next=${encodeURIComponent(next)}`)
}
let sessionExpired: () => void = () => {}

/** The router installs its own redirect (a client-side navigation instead of a page load). */
export function setLoginRedirect(redirect: LoginRedirect): void {
  loginRedirect = redirect
}

/** Called on every 401, before the redirect: the session store forgets the user. */
export function onSessionExpired(callback: () => void): void {
  sessionExpired = callback
}

function currentPath(): string {
  const { pathname, search, hash } = window.location
  return `${pathname}${search}${hash}`
}

const PUBLIC_PATHS = ['/login', '/register']

export function createApiClient(): AxiosInstance {
  const client = axios.create({ baseURL: API_BASE, timeout: 30_000 })
  // Sent on every request; the backend requires it on POST, PATCH and DELETE.
  client.defaults.headers.common[CSRF_HEADER] = CSRF_VALUE
  client.interceptors.response.use(undefined, (error: unknown) => {
    if (isAxiosError(error) && error.response?.status === 401 && !error.config?.skipAuthRedirect) {
      sessionExpired()
      const path = currentPath()
      if (!PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}?`) || path.startsWith(`${p}/`))) {
        loginRedirect(path)
      }
    }
    return Promise.reject(error)
  })
  return client
}

export const api = createApiClient()

/** What the UI needs to show about a failed call. */
export interface ApiProblem {
  status: number | null
  /** A sentence for the top of a form or a page. */
  message: string
  /** Messages per field (`url`, `password`, ...), from a 422's `loc`. */
  fields: Record<string, string>
}

interface ValidationItem {
  loc?: (string | number)[]
  msg?: string
}

const LOCATIONS = new Set(['body', 'query', 'path'])

function tidy(msg: string): string {
  const text = msg.replace(/^(Value error|Assertion failed),\s*/i, '').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Map FastAPI's `{"detail": [{loc: ["body", "url"], msg}]}` to `{url: msg}`. */
export function fieldErrors(detail: unknown): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {}
  const other: string[] = []
  if (!Array.isArray(detail)) return { fields, other }
  for (const item of detail as ValidationItem[]) {
    const msg = tidy(String(item?.msg ?? 'Invalid value'))
    const loc = Array.isArray(item?.loc) ? item.loc : []
    const field = loc.length >= 2 && LOCATIONS.has(String(loc[0])) ? String(loc[1]) : null
    if (field) fields[field] = fields[field] ? `${fields[field]} ${msg}` : msg
    else other.push(msg)
  }
  return { fields, other }
}

function statusMessage(status: number, response: AxiosError['response']): string {
  if (status === 429) {
    const after = response?.headers?.['retry-after']
    return after ? `Too many attempts. Try again in ${after} s.` : 'Too many attempts. Try again shortly.'
  }
  if (status === 401) return 'Your session has ended. Sign in again.'
  if (status === 403) return 'You are not allowed to do that.'
  if (status === 404) return 'Not found.'
  if (status >= 500) return `The server had a problem (${status}). Try again in a moment.`
  return `The request failed (${status}).`
}

export function toProblem(error: unknown): ApiProblem {
  if (!isAxiosError(error)) {
    return { status: null, message: error instanceof Error ? error.message : String(error), fields: {} }
  }
  const response = error.response
  if (!response) {
    return {
      status: null,
      message: 'Cannot reach the Webmon server. Check your connection and try again.',
      fields: {},
    }
  }
  const detail = (response.data as { detail?: unknown } | undefined)?.detail
  if (typeof detail === 'string' && detail) {
    return { status: response.status, message: detail, fields: {} }
  }
  const { fields, other } = fieldErrors(detail)
  if (Object.keys(fields).length || other.length) {
    const message = other.length ? other.join(' ') : 'Please correct the fields marked below.'
    return { status: response.status, message, fields }
  }
  return { status: response.status, message: statusMessage(response.status, response), fields: {} }
}

export function hasStatus(error: unknown, ...statuses: number[]): boolean {
  return isAxiosError(error) && !!error.response && statuses.includes(error.response.status)
}

export function isAborted(error: unknown): boolean {
  return isCancel(error) || (error instanceof Error && error.name === 'AbortError')
}
