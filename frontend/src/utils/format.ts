// Formatting for display. Pure functions: the "now" is passed in so the output is testable.

const numbers = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return numbers.format(n)
}

function toMs(value: string | number | Date): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "in 40 s" for the future. */
export function formatRelative(value: string | number | Date | null | undefined, now: number = Date.now()): string {
  if (value === null || value === undefined || value === '') return 'never'
  const then = toMs(value)
  if (Number.isNaN(then)) return '—'
  const diff = Math.round((now - then) / 1000)
  const abs = Math.abs(diff)
  if (abs < 2) return 'just now'
  let text: string
  if (abs < 60) text = `${abs} s`
  else if (abs < 3600) text = `${Math.floor(abs / 60)} min`
  else if (abs < 86_400) text = `${Math.floor(abs / 3600)} h`
  else if (abs < 86_400 * 60) text = `${Math.floor(abs / 86_400)} d`
  else return formatDateTime(value)
  return diff >= 0 ? `${text} ago` : `in ${text}`
}

/**
 * When something scheduled happens: "in 40 s", "in 5 min". A time already passed is "due now"
 * (the check is waiting for its turn), never "ago".
 */
export function formatDue(value: string | number | Date | null | undefined, now: number = Date.now()): string {
  if (value === null || value === undefined || value === '') return '—'
  const then = toMs(value)
  if (Number.isNaN(then)) return '—'
  return then - now < 2000 ? 'due now' : formatRelative(value, now)
}

/** A readable span of seconds: "45 s", "5 min", "1 h 30 min", "2 d 3 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) {
    const m = Math.floor(s / 60)
    const rest = s % 60
    return rest ? `${m} min ${rest} s` : `${m} min`
  }
  if (s < 86_400) {
    const h = Math.floor(s / 3600)
    const m = Math.floor((s % 3600) / 60)
    return m ? `${h} h ${m} min` : `${h} h`
  }
  const d = Math.floor(s / 86_400)
  const h = Math.floor((s % 86_400) / 3600)
  return h ? `${d} d ${h} h` : `${d} d`
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—'
  return `${numbers.format(Math.round(ms))} ms`
}

/** Uptime: two decimals below 100 so 99.95 % and 100 % stay distinct; "—" when unknown. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  if (value >= 100) return '100 %'
  return `${Math.floor(value * 100) / 100} %`
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** Local date and time, for tooltips and tables. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  const ms = toMs(value)
  return Number.isNaN(ms) ? '—' : dateTime.format(ms)
}

/** "1–100 of 10,000" */
export function formatRange(offset: number, count: number, total: number): string {
  if (total === 0 || count === 0) return `0 of ${formatCount(total)}`
  return `${formatCount(offset + 1)}–${formatCount(offset + count)} of ${formatCount(total)}`
}

const ERROR_KINDS: Record<string, string> = {
  DNS: 'DNS lookup failed',
  CONNECT: 'Connection failed',
  TLS: 'TLS/certificate error',
  TIMEOUT: 'Timed out',
  HTTP_STATUS: 'Bad HTTP status',
  KEYWORD_MISSING: 'Keyword missing',
  TOO_MANY_REDIRECTS: 'Too many redirects',
  BODY_TOO_LARGE: 'Page too large',
  BLOCKED: 'Blocked address',
  PROTOCOL: 'Protocol error',
}

export function errorKindLabel(kind: string | null | undefined): string {
  if (!kind) return ''
  return ERROR_KINDS[kind] ?? kind
}

// Messages of the check engine that already name their kind ("TLS certificate error: ...",
// "DNS lookup failed for ...", "Timed out"): put after the label they would only repeat it.
const NAMES_ITS_KIND: Record<string, RegExp> = {
  DNS: /^DNS\b/i,
  TLS: /^(TLS|SSL)\b/i,
  TIMEOUT: /^timed out\b/i,
}

/**
 * A failed check in words: the kind's label once, then the message only when it adds something.
 * "TLS" + "TLS certificate error: certificate has expired" gives label "TLS certificate error",
 * detail "certificate has expired"; "HTTP_STATUS" + "HTTP 503 Service Unavailable" keeps both.
 */
export function describeFailure(kind: string | null | undefined, message: string | null | undefined): { label: string; detail: string } {
  const label = errorKindLabel(kind)
  const text = (message ?? '').trim()
  if (!label) return { label: '', detail: text }
  if (!text || text.toLowerCase() === label.toLowerCase()) return { label, detail: '' }
  if (NAMES_ITS_KIND[kind!]?.test(text) || text.toLowerCase().startsWith(label.toLowerCase())) {
    const cut = text.indexOf(': ')
    return cut > 0 ? { label: text.slice(0, cut), detail: text.slice(cut + 2) } : { label: text, detail: '' }
  }
  return { label, detail: text }
}

/** {@link describeFailure} as one line: "Timed out: No response within 30 s". */
export function failureText(kind: string | null | undefined, message: string | null | undefined): string {
  const { label, detail } = describeFailure(kind, message)
  return label && detail ? `${label}: ${detail}` : label || detail
}
