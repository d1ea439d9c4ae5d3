// Tags as the server takes them (webmon/vocabulary.py): 1-32 letters, digits, "-", "_", "." or
// spaces, trimmed, stored in lower case, at most 20 per site. The server checks again.
import { t } from '@/i18n'

export const TAG_RULES = { maxLength: 32, maxPerSite: 20 } as const

const TAG = /^[\p{L}\p{N}_.\- ]+$/u

/** The tag as stored, or null when it is empty. */
export function normalizeTag(text: string): string | null {
  const tag = text.trim().toLowerCase()
  return tag === '' ? null : tag
}

/** Why this (normalized) tag is refused, or null when it is fine. */
export function tagProblem(tag: string): string | null {
  if (tag.length > TAG_RULES.maxLength) return t('tags.tooLong', { max: TAG_RULES.maxLength }, TAG_RULES.maxLength)
  if (!TAG.test(tag)) return t('tags.badChars')
  return null
}
