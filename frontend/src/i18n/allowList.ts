// Latin words a Russian page may show: product and protocol names, units Intl itself writes,
// setting names, and words of user data (fixtures) or example addresses.
export const LATIN_ALLOWED = new Set([
  'Webmon',
  'URL',
  'HTTP',
  'HTTPS',
  'http',
  'https',
  'TLS',
  'API',
  'DNS',
  'Telegram',
  'Redis',
  'English',
  'EN',
  'RU',
  'Ctrl',
  'Enter',
  'Backspace',
  'C',
  'p95',
  'localhost',
  'JSON',
  'ID',
  'SSE',
  'SVG',
  'ETag',
])

/** Setting names (WEBMON_TELEGRAM_BOT_TOKEN), paths (docs/x.md) and addresses are not words to translate. */
export function isTechnical(token: string): boolean {
  return /^WEBMON_[A-Z_]+$/.test(token) || /[/@]/.test(token) || /\.(md|com|example|org)$/.test(token) || /\d/.test(token)
}

/** The Latin words in `text` that are neither allowed nor in `extra` (values from fixtures). */
export function latinWords(text: string, extra: Iterable<string> = []): string[] {
  const allowed = new Set([...LATIN_ALLOWED, ...extra])
  const found: string[] = []
  for (const token of text.split(/[\s,;:()«»“”"'!?…·—–|]+/)) {
    const word = token.replace(/^[.\-_*]+|[.\-_*]+$/g, '')
    if (!/[A-Za-z]{2,}/.test(word) || isTechnical(word)) continue
    for (const part of word.split(/[^A-Za-z0-9_]+/).filter(Boolean)) {
      if (/[A-Za-z]{2,}/.test(part) && !allowed.has(part) && !isTechnical(part)) found.push(part)
    }
  }
  return found
}
