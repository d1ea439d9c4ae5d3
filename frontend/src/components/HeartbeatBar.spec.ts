import { fireEvent, render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Heartbeat } from '@/api/types'
import HeartbeatBar from './HeartbeatBar.vue'

const start = Date.parse('2025-01-01T00:00:00Z')

function beats(statuses: ('up' | 'down')[]): Heartbeat[] {
  return statuses.map((status, i) => ({
    t: new Date(start + i * 60_000).toISOString(),
    status,
    code: status === 'up' ? 200 : 503,
    ms: status === 'up' ? 120 + i : null,
    kind: status === 'up' ? null : 'HTTP_STATUS',
    error: status === 'up' ? null : 'HTTP 503 Service Unavailable',
  }))
}

describe('HeartbeatBar', () => {
  it('draws one tick per check, oldest first, and outlines the slots not yet checked', () => {
    const { container } = render(HeartbeatBar, { props: { beats: beats(['up', 'down', 'up']), size: 5 } })
    const ticks = [...container.querySelectorAll('.beat')]
    expect(ticks.map((t) => t.className.match(/beat--(\w+)/)![1])).toEqual(['empty', 'empty', 'up', 'down', 'up'])
    expect(screen.getByRole('group').getAttribute('aria-label')).toMatch(/^Last 3 checks: 1 failed/)
  })

  it('keeps only the newest checks when given more than fit', () => {
    const { container } = render(HeartbeatBar, { props: { beats: beats(['down', 'up', 'up']), size: 2 } })
    expect(container.querySelectorAll('.beat--down')).toHaveLength(0)
    expect(container.querySelectorAll('.beat--up')).toHaveLength(2)
  })

  it('reads the checks with the keyboard: focus is the newest, arrows, Home and End move', async () => {
    const user = userEvent.setup()
    render(HeartbeatBar, { props: { beats: beats(['up', 'down', 'up']) } })
    const tip = screen.getByTestId('heartbeat-tip')
    expect(tip.getAttribute('aria-live')).toBe('polite')
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('group'))
    expect(tip.textContent).toMatch(/Up · HTTP 200 · 122 ms$/)
    await user.keyboard('{ArrowLeft}')
    expect(tip.textContent).toMatch(/Down · HTTP 503 · Bad HTTP status: HTTP 503 Service Unavailable$/)
    await user.keyboard('{Home}')
    expect(tip.textContent).toMatch(/Up · HTTP 200 · 120 ms$/)
    await user.keyboard('{ArrowLeft}') // stays on the oldest
    expect(tip.textContent).toMatch(/120 ms$/)
    await user.keyboard('{End}')
    expect(tip.textContent).toMatch(/122 ms$/)
    await user.keyboard('{Escape}')
    expect(tip.textContent).toBe('')
  })

  it('tells a hovered or tapped check', async () => {
    const { container } = render(HeartbeatBar, { props: { beats: beats(['up', 'down']) } })
    const tip = screen.getByTestId('heartbeat-tip')
    await fireEvent.pointerOver(container.querySelector('.beat--down')!)
    expect(tip.textContent).toMatch(/Down/)
    expect(tip.classList.contains('heartbeat__tip--shown')).toBe(true)
    await fireEvent.pointerLeave(screen.getByRole('group'))
    expect(tip.textContent).toBe('')
    await fireEvent.pointerDown(container.querySelector('.beat--up')!)
    expect(tip.textContent).toMatch(/Up · HTTP 200/)
  })

  it('a single check is a bar of one tick', () => {
    const { container } = render(HeartbeatBar, { props: { beats: beats(['up']) } })
    expect(container.querySelectorAll('.beat--up')).toHaveLength(1)
    expect(container.querySelectorAll('.beat--empty')).toHaveLength(49)
    expect(screen.getByRole('group').getAttribute('aria-label')).toMatch(/^Last 1 check: none failed/)
  })

  it('with no checks says so', () => {
    render(HeartbeatBar, { props: { beats: [] } })
    expect(screen.getByRole('group').getAttribute('aria-label')).toBe('No checks yet')
  })
})
