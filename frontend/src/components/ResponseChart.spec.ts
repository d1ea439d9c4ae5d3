import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Series } from '@/api/types'
import ResponseChart from './ResponseChart.vue'
import SparkLine from './SparkLine.vue'

const hour = 3_600_000
const start = Date.parse('2025-01-01T00:00:00Z')

function series(values: (number | null)[], downAt: number[] = []): Series {
  return {
    window: '24h',
    bucket_seconds: 3600,
    points: values.map((v, i) => ({
      t: new Date(start + i * hour).toISOString(),
      avg_response_time: v,
      max_response_time: v,
      up: v === null ? 0 : 12,
      down: downAt.includes(i) ? 3 : 0,
    })),
  }
}

describe('ResponseChart', () => {
  it('draws the line and marks periods with failures', () => {
    const { container } = render(ResponseChart, { props: { series: series([100, 200, null, 150], [2]), window: '24h' } })
    const path = container.querySelector('.chart__line')!
    // A gap (null) lifts the pen: two segments.
    expect(path.getAttribute('d')!.match(/M/g)).toHaveLength(2)
    expect(container.querySelectorAll('.chart__down')).toHaveLength(1)
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/average 150 ms, 1 period with failed checks/)
  })

  it('switches the window', async () => {
    const { emitted } = render(ResponseChart, { props: { series: series([100]), window: '24h' } })
    await userEvent.setup().click(screen.getByRole('button', { name: '7 d' }))
    expect(emitted()['update:window']).toEqual([['7d']])
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('says so when the chart could not be loaded', () => {
    render(ResponseChart, { props: { series: null, window: '24h' } })
    expect(screen.getByText('The chart could not be loaded.')).toBeTruthy()
  })

  it('says it is loading before the first answer', () => {
    render(ResponseChart, { props: { series: null, window: '24h', loading: true } })
    expect(screen.getByText('Loading…')).toBeTruthy()
  })
})

describe('SparkLine', () => {
  it('describes itself for screen readers and ticks hours with failures', () => {
    const points = series([100, 300, null, 200], [1]).points
    const { container } = render(SparkLine, { props: { points } })
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Last 24 hours: average response 200 ms, 1 hour with failed checks',
    )
    expect(container.querySelectorAll('.sparkline__down')).toHaveLength(1)
  })
})
