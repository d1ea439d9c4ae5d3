import { render, screen } from '@testing-library/vue'
import { describe, expect, it } from 'vitest'
import StatusBadge from '@/components/StatusBadge.vue'
import { DISPLAY_STATUSES, displayStatus, STATUS_GLYPHS } from './statuses'

describe('the status language', () => {
  it('gives every state its own shape', () => {
    const glyphs = DISPLAY_STATUSES.map((s) => STATUS_GLYPHS[s])
    expect(new Set(glyphs).size).toBe(DISPLAY_STATUSES.length)
  })

  it.each(DISPLAY_STATUSES.filter((s) => s !== 'paused'))('renders %s with its word and shape', (status) => {
    render(StatusBadge, { props: { status } })
    const badge = screen.getByTestId('status-badge')
    expect(badge.dataset.status).toBe(status)
    expect(badge.classList.contains(`status-badge--${status}`)).toBe(true)
    expect(badge.querySelector('[aria-hidden="true"]')!.textContent).toBe(STATUS_GLYPHS[status])
  })

  it('shows a state it does not know as unknown, not as a blank', () => {
    expect(displayStatus('exploded')).toBe('unknown')
    expect(displayStatus(null)).toBe('unknown')
  })

  it('keeps the word for screen readers in a compact badge', () => {
    render(StatusBadge, { props: { status: 'degraded', compact: true } })
    expect(screen.getByText('Degraded').classList.contains('visually-hidden')).toBe(true)
  })
})
