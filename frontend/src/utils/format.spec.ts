import { describe, expect, it } from 'vitest'
import { errorKindLabel, formatDuration, formatMs, formatPercent, formatRange, formatRelative } from './format'

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
