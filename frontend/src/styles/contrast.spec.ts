import { describe, expect, it } from 'vitest'
import css from './base.css?raw'

// WCAG 1.4.11 (non-text contrast): the edge of a control or card needs 3:1 against what is
// around it. Read from the stylesheet itself, for the light and the dark theme.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const channel = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]))
}

const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))
const themes = {
  light: variables(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'))),
  dark: { ...variables(css.slice(0, css.indexOf('@media'))), ...variables(dark.slice(0, dark.indexOf('}\n}'))) },
}

describe('theme colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21)
    expect(contrast('#d8dde3', '#ffffff')).toBeCloseTo(1.37, 2)
  })

  it.each(Object.entries(themes))('%s theme: control and card edges reach 3:1 on the page and on a card', (_name, colours) => {
    for (const behind of ['bg', 'surface']) {
      expect(contrast(colours.border!, colours[behind]!), `--border on --${behind}`).toBeGreaterThanOrEqual(3)
    }
  })
})
