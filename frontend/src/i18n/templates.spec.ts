// No Vue template may hold visible English of its own: text and the attributes people read
// (aria-label, title, placeholder, alt, and text props such as label/hint) come from the catalogues.
import { parse } from '@vue/compiler-sfc'
import { describe, expect, it } from 'vitest'
import { latinWords } from './allowList'

const files = import.meta.glob('../**/*.vue', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** Static attributes whose value a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'legend',
  'fallback',
  'confirm-label',
  'submit-label',
  'empty-text',
  'caption',
])

interface Node {
  type: number
  tag?: string
  content?: string
  props?: { type: number; name: string; value?: { content: string } }[]
  children?: Node[]
}

function hardCoded(source: string): string[] {
  const { descriptor } = parse(source)
  const found: string[] = []
  const walk = (node: Node) => {
    if (node.type === 2 && node.content) {
      const words = latinWords(node.content)
      if (words.length) found.push(`text “${node.content.trim()}”`)
    }
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && VISIBLE_ATTRIBUTES.has(prop.name) && prop.value && latinWords(prop.value.content).length) {
        found.push(`${prop.name}="${prop.value.content}"`)
      }
    }
    if (node.tag === 'code') return
    node.children?.forEach(walk)
  }
  if (descriptor.template?.ast) walk(descriptor.template.ast as unknown as Node)
  return found
}

describe('templates', () => {
  it('are found', () => {
    expect(Object.keys(files).length).toBeGreaterThan(20)
  })

  it.each(Object.keys(files).map((path) => [path.replace('../', '')]))('%s has no hard-coded English', (path) => {
    expect(hardCoded(files[`../${path}`]!)).toEqual([])
  })

  it('the check catches hard-coded text and attributes', () => {
    const sample = '<template><p>Hello there</p><button aria-label="Close it">×</button><FormField label="Name" /></template>'
    expect(hardCoded(sample)).toEqual(['text “Hello there”', 'aria-label="Close it"', 'label="Name"'])
  })
})
