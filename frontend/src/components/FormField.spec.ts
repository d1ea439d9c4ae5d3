import { render, screen } from '@testing-library/vue'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import FormField from './FormField.vue'

function field(props: Record<string, unknown>, type = 'text') {
  render(FormField, {
    props: { id: 'f', label: 'Name', ...props },
    slots: {
      default: (p: { id: string; describedby?: string; invalid: boolean; required: boolean }) =>
        h('input', { id: p.id, type, 'aria-describedby': p.describedby, 'aria-invalid': p.invalid, required: p.required }),
    },
  })
  return screen.getByLabelText(/^Name/) as HTMLInputElement
}

describe('FormField', () => {
  it('labels the control and points it at its hint and error', () => {
    const input = field({ hint: 'Optional.', error: 'Too long.' })
    expect(input.getAttribute('aria-describedby')).toBe('f-hint f-error')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById('f-hint')?.textContent).toBe('Optional.')
    expect(document.getElementById('f-error')?.textContent).toBe('Too long.')
  })

  it('describes nothing when there is neither hint nor error', () => {
    expect(field({}).hasAttribute('aria-describedby')).toBe(false)
  })

  it('marks a required field for the eye and leaves the rest to the control', () => {
    const input = field({ required: true })
    expect(input.required).toBe(true)
    expect(document.querySelector('.field__required')?.getAttribute('aria-hidden')).toBe('true')
  })

  it('puts the label after a checkbox, with its hint inside the label', () => {
    const box = field({ inline: true, hint: 'No checks, no alerts.' }, 'checkbox')
    expect(box.type).toBe('checkbox')
    expect(box.getAttribute('aria-describedby')).toBe('f-hint')
    expect(document.querySelector('label')?.previousElementSibling).toBe(box)
  })
})
