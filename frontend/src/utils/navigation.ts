/** Only same-site paths may be a `?next=` target: "/websites/3", never "//evil.example" or "https://...". */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string') return fallback
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback
  if (next.startsWith('/login') || next.startsWith('/register')) return fallback
  return next
}

/** A URL the user entered, as a link target only when it is http(s) (never javascript: or data:). */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  return /^https?:\/\//i.test(url) ? url : undefined
}
