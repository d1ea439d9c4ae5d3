import { describe, expect, it } from 'vitest'
import { safeHref, safeNext } from './navigation'

describe('safeNext', () => {
  it('accepts local paths only', () => {
    expect(safeNext('/websites/3?x=1')).toBe('/websites/3?x=1')
    expect(safeNext('//evil.example/')).toBe('/')
    expect(safeNext('/\\evil.example')).toBe('/')
    expect(safeNext('https://evil.example/')).toBe('/')
    expect(safeNext('/login')).toBe('/')
    expect(safeNext(undefined)).toBe('/')
  })
})

describe('safeHref', () => {
  it('links http(s) only', () => {
    expect(safeHref('https://example.com/')).toBe('https://example.com/')
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
  })
})
