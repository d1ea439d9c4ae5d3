import { describe, expect, it } from 'vitest'
import { failureText, formatDue, formatterFor } from './format'
import { applyLocale } from '@/i18n'

const en = formatterFor('en')
const ru = formatterFor('ru')
// Intl puts a no-break (or narrow no-break) space in "1 234" and before units: compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('relative times', () => {
  const now = Date.parse('2025-01-01T12:00:00Z')
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString()

  it.each([
    [0, 'just now', 'только что'],
    [1, 'just now', 'только что'],
    [12, '12 seconds ago', '12 секунд назад'],
    [60, '1 minute ago', '1 минуту назад'],
    [2 * 60 + 30, '2 minutes ago', '2 минуты назад'],
    [5 * 60, '5 minutes ago', '5 минут назад'],
    [21 * 60, '21 minutes ago', '21 минуту назад'],
    [3 * 3600 + 59, '3 hours ago', '3 часа назад'],
    [2 * 86_400, '2 days ago', '2 дня назад'],
    [-40, 'in 40 seconds', 'через 40 секунд'],
  ])('%i seconds ago reads "%s" / "%s"', (seconds, english, russian) => {
    expect(en.relative(ago(seconds), now)).toBe(english)
    expect(ru.relative(ago(seconds), now)).toBe(russian)
  })

  it('says "never" for a missing time and "—" for a bad one', () => {
    expect(en.relative(null, now)).toBe('never')
    expect(ru.relative(null, now)).toBe('никогда')
    expect(en.relative('not a date', now)).toBe('—')
  })

  it('ticks: the same time reads differently a few seconds later', () => {
    const checked = ago(10)
    expect(en.relative(checked, now)).toBe('10 seconds ago')
    expect(en.relative(checked, now + 5000)).toBe('15 seconds ago')
  })
})

describe('number formats', () => {
  it('formats durations with the two largest units', () => {
    expect(plain(en.duration(45))).toBe('45 sec')
    expect(plain(en.duration(300))).toBe('5 min')
    expect(plain(en.duration(5400))).toBe('1 hr 30 min')
    expect(plain(ru.duration(5400))).toBe('1 ч 30 мин')
    expect(plain(ru.duration(86_400 + 3 * 3600))).toMatch(/^1 д(н|ень)\.? 3 ч$/)
    expect(en.duration(null)).toBe('—')
  })

  it('formats response times and uptime in the language’s own way', () => {
    expect(plain(en.ms(1234.4))).toBe('1,234 ms')
    expect(plain(ru.ms(1234.4))).toBe('1 234 мс')
    expect(en.ms(null)).toBe('—')
    expect(en.percent(99.956)).toBe('99.95 %')
    expect(ru.percent(99.956)).toBe('99,95 %')
    expect(en.percent(100)).toBe('100 %')
    expect(en.percent(null)).toBe('—')
  })

  it('formats a page range', () => {
    expect(en.range(0, 100, 10_000)).toBe('1–100 of 10,000')
    expect(plain(ru.range(9_900, 100, 10_000))).toBe('9 901–10 000 из 10 000')
    expect(en.range(0, 0, 0)).toBe('0 of 0')
  })

  it('names error kinds, and shows an unknown one as it is', () => {
    expect(en.errorKind('KEYWORD_MISSING')).toBe('Keyword missing')
    expect(ru.errorKind('KEYWORD_MISSING')).toBe('Нет ключевого слова')
    expect(en.errorKind('SOMETHING_NEW')).toBe('SOMETHING_NEW')
    expect(en.errorKind(null)).toBe('')
  })

  it('writes dates in the language', () => {
    const at = Date.parse('2025-03-05T12:00:00Z')
    expect(en.dateTime(at)).toMatch(/Mar/)
    expect(ru.dateTime(at)).toMatch(/мар/)
  })
})
describe('formatDue', () => {
  const now = Date.parse('2025-01-01T12:00:00Z')
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString()

  it.each([
    [300, 'in 5 minutes'],
    [40, 'in 40 seconds'],
    [1, 'due now'],
    [0, 'due now'],
    [-2, 'due now'],
    [-3600, 'due now'],
  ])('a check due in %i s reads "%s", never "ago"', (seconds, text) => {
    expect(formatDue(at(seconds), now)).toBe(text)
  })

  it('says "—" for a missing or bad time', () => {
    expect(formatDue(null, now)).toBe('—')
    expect(formatDue('soon', now)).toBe('—')
  })
})

describe('failureText', () => {
  it.each([
    ['TLS', 'TLS certificate error: certificate has expired', 'TLS certificate error: certificate has expired'],
    ['TLS', 'TLS handshake failed: WRONG_VERSION_NUMBER', 'TLS handshake failed: WRONG_VERSION_NUMBER'],
    ['DNS', 'DNS lookup failed for nowhere.invalid: Name or service not known', 'DNS lookup failed for nowhere.invalid: Name or service not known'],
    ['TIMEOUT', 'Timed out', 'Timed out'],
    ['TIMEOUT', 'No response within 30 s', 'Timed out: No response within 30 s'],
    ['HTTP_STATUS', 'HTTP 503 Service Unavailable', 'Bad HTTP status: HTTP 503 Service Unavailable'],
    ['KEYWORD_MISSING', null, 'Keyword missing'],
    [null, 'Connection refused', 'Connection refused'],
  ])('%s with "%s" reads "%s"', (kind, message, text) => {
    expect(failureText(kind, message)).toBe(text)
  })

  it('names the kind once', () => {
    const text = failureText('TLS', 'TLS certificate error: self-signed certificate')
    expect(text.match(/TLS/g)).toHaveLength(1)
  })
})

describe('in Russian', () => {
  it('a due check and a failure read in Russian, the engine’s own words kept', () => {
    applyLocale('ru')
    const now = Date.parse('2025-01-01T12:00:00Z')
    expect(formatDue(new Date(now - 5000).toISOString(), now)).toBe('пора проверять')
    expect(failureText('TIMEOUT', 'Timed out')).toBe('Превышено время ожидания')
    expect(failureText('HTTP_STATUS', 'HTTP 503 Service Unavailable')).toBe('Неверный HTTP-статус: HTTP 503 Service Unavailable')
    expect(failureText('TLS', 'TLS certificate error: certificate has expired')).toBe('Ошибка TLS/сертификата: TLS certificate error: certificate has expired')
  })
})
