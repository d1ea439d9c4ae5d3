// No Vue template may hold visible English of its own: text and the attributes people read
// (aria-label, title, placeholder, alt, and text props such as label/hint) come from the catalogues.
import { babelParse, parse } from '@vue/compiler-sfc'
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
  content?: string | { content?: string }
  props?: { type: number; name: string; value?: { content: string }; arg?: { content?: string }; exp?: { content?: string } }[]
  children?: Node[]
}

interface JsNode {
  type: string
  [key: string]: unknown
}

const isJsNode = (value: unknown): value is JsNode => typeof value === 'object' && value !== null && typeof (value as JsNode).type === 'string'

/**
 * The quoted text of a template expression that a person would read: string literals and the fixed
 * parts of template literals, except a message key (`t('a.b')`, `t(`status.${s}`)`) and a value
 * compared with (`status === 'down'`), and names of fields or keys (`errorFor('is_active')`,
 * `word('changes.kind', c.kind)`).
 */
const KEY_LIKE = /^[a-z][a-zA-Z0-9]*([._-][a-zA-Z0-9]+)+$/

function literalsOf(expression: string): string[] {
  let program: JsNode
  try {
    program = babelParse(`(${expression})`, { plugins: ['typescript'] }) as unknown as JsNode
  } catch {
    return []
  }
  const found: string[] = []
  const skip = new Set<unknown>()
  const visit = (node: JsNode) => {
    if (node.type === 'CallExpression' && isJsNode(node.callee) && node.callee.type === 'Identifier' && ['t', '$t'].includes(node.callee.name as string)) {
      skip.add((node.arguments as unknown[])[0])
    }
    if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator as string)) {
      skip.add(node.left)
      skip.add(node.right)
    }
    if (skip.has(node)) return
    if (node.type === 'StringLiteral' && !KEY_LIKE.test(node.value as string)) found.push(node.value as string)
    if (node.type === 'TemplateElement') found.push((node.value as { cooked: string }).cooked)
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end') continue
      for (const item of Array.isArray(child) ? child : [child]) if (isJsNode(item)) visit(item)
    }
  }
  visit(program)
  return found
}

function hardCoded(source: string): string[] {
  const { descriptor } = parse(source)
  const found: string[] = []
  const walk = (node: Node) => {
    if (node.type === 2 && typeof node.content === 'string') {
      const words = latinWords(node.content)
      if (words.length) found.push(`text “${node.content.trim()}”`)
    }
    // {{ expression }}: its quoted words are text on the page too.
    if (node.type === 5 && typeof node.content === 'object' && node.content.content) {
      const expression = node.content.content
      if (literalsOf(expression).some((text) => latinWords(text).length)) found.push(`{{ ${expression.trim()} }}`)
    }
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && VISIBLE_ATTRIBUTES.has(prop.name) && prop.value && latinWords(prop.value.content).length) {
        found.push(`${prop.name}="${prop.value.content}"`)
      }
      // :aria-label="'Select ' + name"
      const bound = prop.type === 7 && prop.name === 'bind' ? prop.arg?.content : undefined
      if (bound && (VISIBLE_ATTRIBUTES.has(bound) || bound === 'data-label') && prop.exp?.content) {
        if (literalsOf(prop.exp.content).some((text) => latinWords(text).length)) found.push(`:${bound}="${prop.exp.content}"`)
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

  it('the check catches quoted English in template expressions and bound attributes', () => {
    const sample =
      "<template><button>{{ busy ? 'Refreshing…' : 'Refresh' }}</button><input :aria-label=\"'Select ' + name\" />" +
      '<p :title="`${n} checks`">{{ `Last ${n}` }}</p></template>'
    expect(hardCoded(sample)).toEqual([
      "{{ busy ? 'Refreshing…' : 'Refresh' }}",
      ":aria-label=\"'Select ' + name\"",
      ':title="`${n} checks`"',
      '{{ `Last ${n}` }}',
    ])
  })

  it('the check leaves message keys and compared values alone', () => {
    const sample =
      "<template><p :aria-label=\"t('a.label')\">{{ status === 'down' ? t('status.down') : t(`status.${status}`) }}</p></template>"
    expect(hardCoded(sample)).toEqual([])
  })
})
