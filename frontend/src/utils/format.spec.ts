import { describe, expect, it } from 'vitest'
import { errorKindLabel, failureText, formatDue, formatDuration, formatMs, formatPercent, formatRange, formatRelative } from './format'

describe('formatRelative', () => {
  const now = Date.parse('2025-01-01T12:00:00Z')
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString()

  it.each([
    [0, 'just now'],
    [1, 'just now'],
    [12, '12 s ago'],
    [59, '59 s ago'],
    [60, '1 min ago'],
    [5 * 60 + 30, '5 min ago'],
    [3 * 3600 + 59, '3 h ago'],
    [2 * 86_400, '2 d ago'],
    [-40, 'in 40 s'],
    [-10 * 60, 'in 10 min'],
  ])('%i seconds ago reads "%s"', (seconds, text) => {
    expect(formatRelative(ago(seconds), now)).toBe(text)
  })

  it('says "never" for a missing time and "—" for a bad one', () => {
    expect(formatRelative(null, now)).toBe('never')
    expect(formatRelative('not a date', now)).toBe('—')
  })

  it('ticks: the same time reads differently a few seconds later', () => {
    const checked = ago(10)
    expect(formatRelative(checked, now)).toBe('10 s ago')
    expect(formatRelative(checked, now + 5000)).toBe('15 s ago')
  })
})

describe('number formats', () => {
  it('formats durations', () => {
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(300)).toBe('5 min')
    expect(formatDuration(5400)).toBe('1 h 30 min')
    expect(formatDuration(86_400 + 3 * 3600)).toBe('1 d 3 h')
    expect(formatDuration(null)).toBe('—')
  })

  it('formats response times and uptime', () => {
    expect(formatMs(1234.4)).toBe('1,234 ms')
    expect(formatMs(null)).toBe('—')
    expect(formatPercent(99.956)).toBe('99.95 %')
    expect(formatPercent(100)).toBe('100 %')
    expect(formatPercent(null)).toBe('—')
  })

  it('formats a page range', () => {
    expect(formatRange(0, 100, 10_000)).toBe('1–100 of 10,000')
    expect(formatRange(9_900, 100, 10_000)).toBe('9,901–10,000 of 10,000')
    expect(formatRange(0, 0, 0)).toBe('0 of 0')
  })

  it('names error kinds', () => {
    expect(errorKindLabel('KEYWORD_MISSING')).toBe('Keyword missing')
    expect(errorKindLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW')
    expect(errorKindLabel(null)).toBe('')
  })
})

describe('formatDue', () => {
  const now = Date.parse('2025-01-01T12:00:00Z')
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString()

  it.each([
    [300, 'in 5 min'],
    [40, 'in 40 s'],
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
