import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// WCAG AA, read from the palette itself: text 4.5:1, control edges and focus rings 3:1 (1.4.11).
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const channel = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

// Read from disk (vitest runs in frontend/): Vite's CSS handling would hand a spec an empty string.
const SRC = join(process.cwd(), 'src')
const css = readFileSync(join(SRC, 'styles', 'theme.css'), 'utf8')
const blocks = [...css.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!)
function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim().toLowerCase()]))
}
const light = variables(blocks[0]!)
const dark = variables(blocks[1]!)

const STATES = ['up', 'degraded', 'down', 'maintenance', 'pending', 'unknown', 'paused']
const TEXT: [string, string][] = [
  ...['bg', 'surface', 'hover', 'info-bg', 'warning-bg', 'down-bg', 'up-bg'].map((b): [string, string] => ['text', b]),
  ...['bg', 'surface', 'hover'].map((b): [string, string] => ['muted', b]),
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent', 'info-bg'],
  ['accent-text', 'accent'],
  ['danger-text', 'down'],
  ...STATES.flatMap((s): [string, string][] => [
    [s, `${s}-bg`],
    [s, 'surface'],
  ]),
]
const EDGES: [string, string][] = [
  ['border', 'bg'],
  ['border', 'surface'],
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['warning-border', 'warning-bg'],
  ...STATES.map((s): [string, string] => [s, 'bg']),
]

describe('the palette', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21)
    expect(contrast('#d8dde3', '#ffffff')).toBeCloseTo(1.37, 2)
  })

  it('declares the same dark palette for "dark" and for "auto" on a dark system', () => {
    expect(variables(blocks[2]!)).toEqual(dark)
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort())
  })

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s: text reaches 4.5:1, control edges and focus rings 3:1', (_name, colours) => {
    for (const [fg, bg] of TEXT) expect(contrast(colours[fg]!, colours[bg]!), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(4.5)
    for (const [fg, bg] of EDGES) expect(contrast(colours[fg]!, colours[bg]!), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(3)
  })

  it('is the only place with literal colours', () => {
    const files = readdirSync(SRC, { recursive: true }).filter(
      (f) => /\.(vue|css)$/.test(f) && !f.endsWith('theme.css'),
    )
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const text = readFileSync(join(SRC, file), 'utf8')
      expect(text, file).not.toMatch(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i)
    }
  })

  it('is applied by public/theme.js under the same key as the switch uses', () => {
    const script = readFileSync(join(SRC, '..', 'public', 'theme.js'), 'utf8')
    expect(script).toContain(`'webmon.theme'`)
  })
})
