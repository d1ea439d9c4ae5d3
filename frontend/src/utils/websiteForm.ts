// The website form's values, defaults and client-side checks. The server checks everything again;
// here we catch only the obvious, so the user hears about it before a round trip.
import type { Website, WebsiteCreate, WebsiteUpdate } from '@/api/types'
import { t } from '@/i18n'
import { formatCount } from './format'

export interface WebsiteFormValues {
  url: string
  name: string
  valid_word: string
  timeout: number | string
  check_interval: number | string
  failure_threshold: number | string
  telegram_chat_id: string
  is_active: boolean
  tags: string[]
}

export const DEFAULTS: WebsiteFormValues = {
  url: 'https://',
  name: '',
  valid_word: '',
  timeout: 30,
  check_interval: 300,
  failure_threshold: 2,
  telegram_chat_id: '',
  is_active: true,
  tags: [],
}

export const LIMITS = {
  url: 2048,
  name: 200,
  validWord: 200,
  timeout: [1, 120],
  interval: [1, 86_400],
  threshold: [1, 10],
} as const

export const INTERVAL_PRESETS = [30, 60, 120, 300, 600, 900, 1800, 3600, 21_600, 86_400]

const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/

export function valuesFromWebsite(site: Website): WebsiteFormValues {
  return {
    url: site.url,
    name: site.name ?? '',
    valid_word: site.valid_word,
    timeout: site.timeout,
    check_interval: site.check_interval,
    failure_threshold: site.failure_threshold,
    telegram_chat_id: site.telegram_chat_id ?? '',
    is_active: site.is_active,
    tags: [...(site.tags ?? [])],
  }
}

function intIn(value: number | string, [min, max]: readonly [number, number], seconds = false): string | null {
  const text = String(value).trim()
  if (text === '') return t('validation.required')
  const n = Number(text)
  if (!Number.isInteger(n)) return t('validation.wholeNumber')
  const range = { min: formatCount(min), max: formatCount(max) }
  if (n < min || n > max) return t(seconds ? 'validation.betweenSeconds' : 'validation.between', range)
  return null
}

const tooLong = (max: number) => t('validation.tooLong', { max: formatCount(max) }, max)

export function isValidChatId(value: string): boolean {
  return CHAT_ID.test(value.trim())
}

export interface ServerLimits {
  /** The server's shortest check interval (GET /meta); null or undefined while unknown. */
  minInterval?: number | null
}

/** The server's minimum interval if it is a usable number, else null (unknown: nothing is made up). */
export function knownMinInterval(limits: ServerLimits = {}): number | null {
  const [min, max] = LIMITS.interval
  const value = limits.minInterval
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null
}

/** The interval bounds to check: from the server's minimum when it is known, else the API's. */
export function intervalRange(limits: ServerLimits = {}): [number, number] {
  const [min, max] = LIMITS.interval
  return [knownMinInterval(limits) ?? min, max]
}

export function validateWebsite(v: WebsiteFormValues, limits: ServerLimits = {}): Record<string, string> {
  const errors: Record<string, string> = {}
  const url = v.url.trim()
  if (!url || url === 'https://' || url === 'http://') errors.url = t('validation.urlRequired')
  else if (!/^https?:\/\/[^\s/?#]+/i.test(url)) errors.url = t('validation.urlScheme')
  else if (/\s/.test(url)) errors.url = t('validation.urlSpaces')
  else if (url.length > LIMITS.url) errors.url = tooLong(LIMITS.url)
  if (v.name.trim().length > LIMITS.name) errors.name = tooLong(LIMITS.name)
  if (!v.valid_word.trim()) errors.valid_word = t('validation.keywordRequired')
  else if (v.valid_word.length > LIMITS.validWord) errors.valid_word = tooLong(LIMITS.validWord)
  const timeout = intIn(v.timeout, LIMITS.timeout, true)
  if (timeout) errors.timeout = timeout
  const interval = intIn(v.check_interval, intervalRange(limits), true)
  if (interval) errors.check_interval = interval
  const threshold = intIn(v.failure_threshold, LIMITS.threshold)
  if (threshold) errors.failure_threshold = threshold
  const chat = v.telegram_chat_id.trim()
  if (chat && !isValidChatId(chat)) {
    errors.telegram_chat_id = t('validation.chatId')
  }
  return errors
}

/** The body for POST /websites: blanks left out so the server applies its defaults. */
export function toCreatePayload(v: WebsiteFormValues): WebsiteCreate {
  const payload: WebsiteCreate = {
    url: v.url.trim(),
    valid_word: v.valid_word,
    timeout: Number(v.timeout),
    check_interval: Number(v.check_interval),
    failure_threshold: Number(v.failure_threshold),
    is_active: v.is_active,
  }
  if (v.tags.length) payload.tags = [...v.tags]
  if (v.name.trim()) payload.name = v.name.trim()
  if (v.telegram_chat_id.trim()) payload.telegram_chat_id = v.telegram_chat_id.trim()
  return payload
}

/**
 * The body for PATCH: only what changed. Re-sending an unchanged Telegram chat would make the
 * server ask Telegram about it again, and fail the whole save if Telegram is unreachable.
 */
export function toUpdatePayload(v: WebsiteFormValues, original: Website): WebsiteUpdate {
  const next = toCreatePayload(v)
  const changes: WebsiteUpdate = {}
  const set = <K extends keyof WebsiteUpdate>(key: K, value: WebsiteUpdate[K]) => {
    changes[key] = value
  }
  if (next.url !== original.url) set('url', next.url)
  if (v.valid_word !== original.valid_word) set('valid_word', v.valid_word)
  if (next.timeout !== original.timeout) set('timeout', next.timeout)
  if (next.check_interval !== original.check_interval) set('check_interval', next.check_interval)
  if (next.failure_threshold !== original.failure_threshold) set('failure_threshold', next.failure_threshold)
  if (v.is_active !== original.is_active) set('is_active', v.is_active)
  if ([...v.tags].sort().join(',') !== [...(original.tags ?? [])].sort().join(',')) set('tags', [...v.tags])
  const name = v.name.trim()
  if (name !== (original.name ?? '')) set('name', name || null)
  const chat = v.telegram_chat_id.trim()
  if (chat !== (original.telegram_chat_id ?? '')) set('telegram_chat_id', chat || null)
  return changes
}
