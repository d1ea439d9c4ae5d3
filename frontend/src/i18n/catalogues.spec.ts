import { describe, expect, it } from 'vitest'
import en from './en.json'
import ru from './ru.json'
import { browserLocale, i18n, russianPlural } from './index'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[prefix + key] = value
    else Object.assign(out, flatten(value, `${prefix}${key}.`))
  }
  return out
}

const EN = flatten(en as Tree)
const RU = flatten(ru as Tree)
const placeholders = (text: string) => [...new Set(text.match(/\{\s*\w+\s*\}/g) ?? [])].sort()
// Every `t('a.b')` with a literal key in the source: it must be in the catalogue.
const sources = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.spec.ts'], { query: '?raw', import: 'default', eager: true })

describe('the catalogues', () => {
  it('have the same keys in English and Russian', () => {
    const missingInRu = Object.keys(EN).filter((k) => !(k in RU))
    const missingInEn = Object.keys(RU).filter((k) => !(k in EN))
    expect({ missingInRu, missingInEn }).toEqual({ missingInRu: [], missingInEn: [] })
  })

  it('use the same placeholders in both languages', () => {
    const differ = Object.keys(EN).filter((k) => k in RU && placeholders(EN[k]!).join() !== placeholders(RU[k]!).join())
    expect(differ).toEqual([])
  })

  it('give Russian three plural forms wherever English has two', () => {
    const wrong = Object.keys(EN).filter((k) => EN[k]!.split(' | ').length === 2 && RU[k]!.split(' | ').length !== 3)
    expect(wrong).toEqual([])
  })

  it('have no empty message', () => {
    expect(Object.entries({ ...EN, ...RU }).filter(([, v]) => !v.trim())).toEqual([])
  })

  it('hold every key the code asks for', () => {
    const used = new Set<string>()
    for (const text of Object.values(sources) as string[]) {
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!)
      for (const match of text.matchAll(/keypath="([a-zA-Z0-9_.]+)"/g)) used.add(match[1]!)
      for (const match of text.matchAll(/\{ key: '([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]+)'/g)) used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(100)
    expect([...used].filter((key) => !(key in EN))).toEqual([])
  })
})

describe('Russian plurals', () => {
  it.each([
    [1, '1 сайт'],
    [2, '2 сайта'],
    [4, '4 сайта'],
    [5, '5 сайтов'],
    [11, '11 сайтов'],
    [12, '12 сайтов'],
    [21, '21 сайт'],
    [22, '22 сайта'],
    [25, '25 сайтов'],
    [111, '111 сайтов'],
    [0, '0 сайтов'],
  ])('%i → %s', (n, text) => {
    expect(i18n.global.t('sites.count', { n }, { locale: 'ru', plural: n })).toBe(text)
  })

  it('English has one and other', () => {
    expect(i18n.global.t('sites.count', { n: 1 }, { locale: 'en', plural: 1 })).toBe('1 website')
    expect(i18n.global.t('sites.count', { n: 2 }, { locale: 'en', plural: 2 })).toBe('2 websites')
  })

  it('a four-form message starts with the zero form', () => {
    expect([0, 1, 3, 7].map((n) => russianPlural(n, 4))).toEqual([0, 1, 2, 3])
  })
})

describe('the browser language', () => {
  it.each([
    [['ru-RU', 'en-US'], 'ru'],
    [['ru'], 'ru'],
    [['uk-UA', 'ru-UA'], 'ru'],
    [['en-GB', 'ru'], 'en'],
    [['de-DE'], 'en'],
    [[], 'en'],
  ])('%j → %s', (languages, locale) => {
    expect(browserLocale(languages)).toBe(locale)
  })
})
