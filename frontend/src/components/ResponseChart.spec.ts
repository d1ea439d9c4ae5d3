import { fireEvent, render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Series } from '@/api/types'
import ResponseChart from './ResponseChart.vue'

// uPlot draws on a canvas, which jsdom has not got: a stand-in records the options and the data
// and maps positions to values one to one. The browser tests see the real drawing.
const plots = vi.hoisted(() => [] as FakePlot[])
interface FakePlot {
  opts: any // eslint-disable-line @typescript-eslint/no-explicit-any
  data: (number | null)[][]
  over: HTMLElement
  cursor: { idx: number | null }
}
vi.mock('uplot', () => {
  class Plot {
    over = document.createElement('div')
    bbox = { width: 600, height: 200 }
    cursor: { idx: number | null } = { idx: null }
    constructor(
      public opts: any, // eslint-disable-line @typescript-eslint/no-explicit-any
      public data: (number | null)[][],
      el: HTMLElement,
    ) {
      el.appendChild(this.over)
      plots.push(this as unknown as FakePlot)
    }
    valToPos(value: number) {
      return value
    }
    setCursor({ left }: { left: number }) {
      const idx = this.data[0]!.indexOf(left)
      this.cursor.idx = idx >= 0 ? idx : null
      this.opts.hooks.setCursor.forEach((hook: (u: unknown) => void) => hook(this))
    }
    setData(data: (number | null)[][]) {
      this.data = data
    }
    setSize() {}
    redraw() {}
    destroy() {}
    static paths = { bars: () => () => null }
  }
  return { default: Plot }
})

const minute = 60_000
const start = Date.parse('2025-01-01T00:00:00Z')

function series(values: (number | null)[], downAt: number[] = []): Series {
  return {
    window: '1h',
    bucket_seconds: 60,
    points: values.map((v, i) => ({
      t: new Date(start + i * minute).toISOString(),
      avg_response_time: v,
      max_response_time: v,
      up: v === null ? 0 : 1,
      down: downAt.includes(i) ? 1 : 0,
    })),
  }
}

describe('ResponseChart', () => {
  beforeEach(() => {
    plots.length = 0
  })

  it('draws response time as a line and uptime as bars over the same periods', () => {
    render(ResponseChart, { props: { series: series([100, 200, null, 150], [1]), window: '1h' } })
    const [response, uptime] = plots
    expect(response!.data[1]).toEqual([100, 200, null, 150])
    expect(uptime!.data[1]).toEqual([100, 50, null, 100])
    expect(response!.data[0]![1]! - response!.data[0]![0]!).toBe(60) // seconds, as uPlot wants
  })

  it('offers the five ranges and asks for another', async () => {
    const { emitted } = render(ResponseChart, { props: { series: series([100]), window: '24h' } })
    const labels = screen.getAllByRole('button').map((b) => b.textContent?.trim())
    expect(labels).toEqual(['1 h', '24 h', '7 d', '30 d', '90 d'])
    await userEvent.setup().click(screen.getByRole('button', { name: '90 d' }))
    expect(emitted()['update:window']).toEqual([['90d']])
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('shows a lone point as a dot: a site checked once has a chart', () => {
    render(ResponseChart, { props: { series: series([null, null, 180, null]), window: '1h' } })
    expect(screen.queryByTestId('chart-empty')).toBeNull()
    const [response] = plots
    const points = response!.opts.series[1].points
    expect(points.filter()).toEqual([2])
  })

  it('moves through the periods with the keyboard and says each one', async () => {
    const user = userEvent.setup()
    render(ResponseChart, { props: { series: series([100, null, 300, null], [2]), window: '1h' } })
    const chart = screen.getByTestId('response-time-chart')
    chart.focus()
    await user.keyboard('{ArrowLeft}') // first press: the newest period with checks
    const live = () => chart.querySelector('[data-testid="chart-live"]')!.textContent
    expect(live()).toMatch(/average 300 ms, slowest 300 ms, 1 up, 1 down$/)
    expect(chart.querySelector('[data-testid="chart-tip"]')!.textContent).toBe(live())
    await user.keyboard('{ArrowLeft}')
    expect(live()).toMatch(/: no checks$/)
    await user.keyboard('{Home}')
    expect(live()).toMatch(/average 100 ms/)
    await user.keyboard('{End}')
    expect(live()).toMatch(/: no checks$/)
    await user.keyboard('{Escape}')
    expect(chart.querySelector('[data-testid="chart-tip"]')).toBeNull()
  })

  it("keeps a keyboard reader's place when the data refreshes", async () => {
    const user = userEvent.setup()
    const { rerender } = render(ResponseChart, { props: { series: series([100, 200]), window: '1h' } })
    const chart = screen.getByTestId('response-time-chart')
    chart.focus()
    await user.keyboard('{Home}')
    await rerender({ series: series([150, 250]), window: '1h' }) // the 30 s refresh
    expect(chart.querySelector('[data-testid="chart-tip"]')!.textContent).toMatch(/average 150 ms/)
  })

  it('says the uptime of the focused period', async () => {
    render(ResponseChart, { props: { series: series([100, 300], [1]), window: '1h' } })
    const chart = screen.getByTestId('uptime-chart')
    await fireEvent.keyDown(chart, { key: 'End' })
    expect(chart.querySelector('[data-testid="chart-live"]')!.textContent).toMatch(/50 %, 1 up, 1 down$/)
  })

  it('reads its colours from CSS variables when it draws', () => {
    render(ResponseChart, { props: { series: series([100, 200]), window: '1h' } })
    const chart = screen.getByTestId('response-time-chart')
    chart.style.setProperty('--chart-line', 'rgb(1, 2, 3)')
    expect(plots[0]!.opts.series[1].stroke()).toBe('rgb(1, 2, 3)')
    chart.style.setProperty('--chart-line', 'rgb(4, 5, 6)') // another theme, next draw
    expect(plots[0]!.opts.series[1].stroke()).toBe('rgb(4, 5, 6)')
  })

  it('says so when a period has no checks at all', () => {
    render(ResponseChart, { props: { series: series([null, null, null]), window: '1h' } })
    expect(screen.getByTestId('chart-empty').textContent).toBe('No checks in this period yet.')
    expect(plots).toHaveLength(0)
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
