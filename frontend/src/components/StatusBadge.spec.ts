import { render, screen } from '@testing-library/vue'
import { describe, expect, it } from 'vitest'
import StatusBadge from './StatusBadge.vue'

describe('StatusBadge', () => {
  it.each([
    ['up', 'Up'],
    ['down', 'Down'],
    ['pending', 'Pending'],
  ] as const)('shows %s by text as well as colour', (status, text) => {
    render(StatusBadge, { props: { status } })
    const badge = screen.getByTestId('status-badge')
    expect(badge.textContent).toContain(text)
    expect(badge.classList.contains(`status-badge--${status}`)).toBe(true)
  })

  it('shows a paused site as paused, whatever its last status', () => {
    render(StatusBadge, { props: { status: 'down', active: false } })
    const badge = screen.getByText('Paused').closest('.status-badge')!
    expect(badge.classList.contains('status-badge--paused')).toBe(true)
    expect(screen.queryByText('Down')).toBeNull()
  })

  it('hides the decorative icon from screen readers', () => {
    render(StatusBadge, { props: { status: 'down' } })
    expect(screen.getByTestId('status-badge').querySelector('[aria-hidden="true"]')).not.toBeNull()
  })
})
