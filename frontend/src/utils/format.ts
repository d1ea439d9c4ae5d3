// Formatting for display, in the dashboard's language: numbers, dates, durations and relative
// times through `Intl`, words from the catalogues. `formatterFor(locale)` is pure (the "now" is
// passed in, so the output is testable); the bare functions below and `useFormat()` use the
// current language, and a template calling them re-renders when it changes.
import { currentLocale, i18n, type Locale } from '@/i18n'

type Instant = string | number | Date

function toMs(value: Instant): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
}

const DAY = 86_400

export interface Formatter {
  locale: Locale
  count(n: number): string
  relative(value: Instant | null | undefined, now?: number): string
  /** When something scheduled happens: "in 40 seconds"; a time already passed is "due now", never "ago". */
  due(value: Instant | null | undefined, now?: number): string
  duration(seconds: number | null | undefined): string
  ms(ms: number | null | undefined): string
  percent(value: number | null | undefined): string
  dateTime(value: Instant | null | undefined): string
  range(offset: number, count: number, total: number): string
  errorKind(kind: string | null | undefined): string
}

function build(locale: Locale): Formatter {
  const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named, { locale })
  const te = (key: string) => i18n.global.te(key, locale)
  const numbers = new Intl.NumberFormat(locale)
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
  const unit = (name: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' })
  const units = { s: unit('second'), min: unit('minute'), h: unit('hour'), d: unit('day'), ms: unit('millisecond') }

  const f: Formatter = {
    locale,
    count: (n) => numbers.format(n),
    /** "just now", "12 seconds ago", "5 minutes ago", "in 40 seconds"; a date after 60 days. */
    relative(value, now = Date.now()) {
      if (value === null || value === undefined || value === '') return t('time.never')
      const then = toMs(value)
      if (Number.isNaN(then)) return '—'
      const diff = Math.round((now - then) / 1000)
      const abs = Math.abs(diff)
      if (abs < 2) return t('time.justNow')
      const sign = diff >= 0 ? -1 : 1
      if (abs < 60) return relative.format(sign * abs, 'second')
      if (abs < 3600) return relative.format(sign * Math.floor(abs / 60), 'minute')
      if (abs < DAY) return relative.format(sign * Math.floor(abs / 3600), 'hour')
      if (abs < DAY * 60) return relative.format(sign * Math.floor(abs / DAY), 'day')
      return f.dateTime(value)
    },
    due(value, now = Date.now()) {
      if (value === null || value === undefined || value === '') return '—'
      const then = toMs(value)
      if (Number.isNaN(then)) return '—'
      return then - now < 2000 ? t('time.dueNow') : f.relative(value, now)
    },
    /** A readable span of seconds: "45 sec", "5 min", "1 hr 30 min", "2 days 3 hr" (the two largest units). */
    duration(seconds) {
      if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—'
      const s = Math.max(0, Math.round(seconds))
      const pair = (a: string, b: string | null) => (b ? `${a} ${b}` : a)
      if (s < 60) return units.s.format(s)
      if (s < 3600) return pair(units.min.format(Math.floor(s / 60)), s % 60 ? units.s.format(s % 60) : null)
      if (s < DAY) {
        const m = Math.floor((s % 3600) / 60)
        return pair(units.h.format(Math.floor(s / 3600)), m ? units.min.format(m) : null)
      }
      const h = Math.floor((s % DAY) / 3600)
      return pair(units.d.format(Math.floor(s / DAY)), h ? units.h.format(h) : null)
    },
    ms: (ms) => (ms === null || ms === undefined || Number.isNaN(ms) ? '—' : units.ms.format(Math.round(ms))),
    /** Uptime: two decimals below 100 so 99.95 % and 100 % stay distinct; "—" when unknown. */
    percent(value) {
      if (value === null || value === undefined || Number.isNaN(value)) return '—'
      if (value >= 100) return `${percent.format(100)} %`
      return `${percent.format(Math.floor(value * 100) / 100)} %`
    },
    dateTime(value) {
      if (value === null || value === undefined || value === '') return '—'
      const ms = toMs(value)
      return Number.isNaN(ms) ? '—' : dateTime.format(ms)
    },
    /** "1–100 of 10,000" */
    range(offset, count, total) {
      if (total === 0 || count === 0) return t('pager.none', { total: f.count(total) })
      return t('pager.range', { from: f.count(offset + 1), to: f.count(offset + count), total: f.count(total) })
    },
    errorKind(kind) {
      if (!kind) return ''
      return te(`errorKind.${kind}`) ? t(`errorKind.${kind}`) : kind
    },
  }
  return f
}

const cache = new Map<Locale, Formatter>()

export function formatterFor(locale: Locale): Formatter {
  let f = cache.get(locale)
  if (!f) cache.set(locale, (f = build(locale)))
  return f
}

/** The current language's formatter (reading the locale makes a render depend on it). */
export function format(): Formatter {
  return formatterFor(currentLocale())
}

export const formatCount = (n: number) => format().count(n)
export const formatRelative = (value: Instant | null | undefined, now?: number) => format().relative(value, now)
export const formatDue = (value: Instant | null | undefined, now?: number) => format().due(value, now)
export const formatDuration = (seconds: number | null | undefined) => format().duration(seconds)
export const formatMs = (ms: number | null | undefined) => format().ms(ms)
export const formatPercent = (value: number | null | undefined) => format().percent(value)
export const formatDateTime = (value: Instant | null | undefined) => format().dateTime(value)
export const formatRange = (offset: number, count: number, total: number) => format().range(offset, count, total)
export const errorKindLabel = (kind: string | null | undefined) => format().errorKind(kind)

// Messages of the check engine that already name their kind ("TLS certificate error: ...",
// "DNS lookup failed for ...", "Timed out"): put after the label they would only repeat it.
// The engine writes English, so this compares with the English labels.
const NAMES_ITS_KIND: Record<string, RegExp> = {
  DNS: /^DNS\b/i,
  TLS: /^(TLS|SSL)\b/i,
  TIMEOUT: /^timed out\b/i,
}

/**
 * A failed check in words: the kind's label once (in the user's language), then the message only
 * when it adds something. "TLS" + "TLS certificate error: certificate has expired" gives the TLS
 * label and detail "certificate has expired"; "HTTP_STATUS" + "HTTP 503 Service Unavailable" keeps both.
 */
export function describeFailure(kind: string | null | undefined, message: string | null | undefined): { label: string; detail: string } {
  const label = errorKindLabel(kind)
  const english = formatterFor('en').errorKind(kind)
  const text = (message ?? '').trim()
  if (!label) return { label: '', detail: text }
  const lower = text.toLowerCase()
  if (!text || lower === english.toLowerCase() || lower === label.toLowerCase()) return { label, detail: '' }
  if (NAMES_ITS_KIND[kind!]?.test(text) || lower.startsWith(english.toLowerCase())) {
    const cut = text.indexOf(': ')
    const head = cut > 0 ? text.slice(0, cut) : text
    const rest = cut > 0 ? text.slice(cut + 2) : ''
    // In English the engine's own words are the better label; in another language the label is
    // ours, and the engine's words stay unless they only repeat it.
    if (currentLocale() === 'en') return { label: head, detail: rest }
    return { label, detail: head.toLowerCase() === english.toLowerCase() ? rest : text }
  }
  return { label, detail: text }
}

/** {@link describeFailure} as one line: "Timed out: No response within 30 s". */
export function failureText(kind: string | null | undefined, message: string | null | undefined): string {
  const { label, detail } = describeFailure(kind, message)
  return label && detail ? `${label}: ${detail}` : label || detail
}
