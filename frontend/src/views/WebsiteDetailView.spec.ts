import { render, screen, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import * as api from '@/api/websites'
import { httpError } from '@/test/errors'
import { makeWebsite } from '@/test/factories'
import WebsiteDetailView from './WebsiteDetailView.vue'

vi.mock('@/api/websites', () => ({
  HEARTBEATS: 50,
  getWebsite: vi.fn(),
  listChecks: vi.fn(),
  fetchStats: vi.fn(),
  fetchSeries: vi.fn(),
  fetchStateChanges: vi.fn(),
  fetchNotifications: vi.fn(),
  checkNow: vi.fn(),
  updateWebsite: vi.fn(),
  deleteWebsite: vi.fn(),
}))

const site = makeWebsite({ id: 7, name: 'Shop', status: 'down', error_kind: 'TIMEOUT', error_message: 'No answer within 30 s' })

async function mountDetail() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: { template: '<p>dashboard</p>' } },
      { path: '/websites/:id', name: 'website', component: WebsiteDetailView, props: { id: 7 } },
      { path: '/websites/:id/edit', name: 'website-edit', component: { template: '<p>edit</p>' } },
    ],
  })
  await router.push('/websites/7')
  await router.isReady()
  render(WebsiteDetailView, { props: { id: 7 }, global: { plugins: [router, createPinia()] } })
  return router
}

describe('WebsiteDetailView', () => {
  beforeEach(() => {
    vi.mocked(api.getWebsite).mockResolvedValue(site)
    vi.mocked(api.listChecks).mockResolvedValue([
      { id: 2, status: 'down', status_code: null, response_time: null, error_kind: 'TIMEOUT', error_message: 'No answer within 30 s', checked_at: '2025-01-01T00:01:00Z' },
      { id: 1, status: 'up', status_code: 200, response_time: 90, error_kind: null, error_message: null, checked_at: '2025-01-01T00:00:00Z' },
    ])
    vi.mocked(api.fetchStats).mockImplementation(async (_id, window) => ({
      window,
      uptime_percent: 99.5,
      checks: 200,
      failed_checks: 1,
      avg_response_time: 120,
      p95_response_time: 300,
      downtime_seconds: 60,
    }))
    vi.mocked(api.fetchSeries).mockResolvedValue({ window: '24h', bucket_seconds: 3600, points: [] })
    vi.mocked(api.fetchStateChanges).mockResolvedValue([])
    vi.mocked(api.fetchNotifications).mockResolvedValue([])
  })

  it('shows the status and the failed check’s error kind and message', async () => {
    await mountDetail()
    expect(await screen.findByRole('heading', { level: 1, name: /Shop/ })).toBeTruthy()
    expect(screen.getByTestId('site-error').textContent).toMatch('Timed out: No answer within 30 s')
    const rows = await screen.findAllByTestId('check-row')
    expect(rows[0]!.textContent).toMatch(/Down.*Timed out: No answer within 30 s/)
    expect(await screen.findByText('No state changes yet.')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows the recent checks as a heartbeat bar, oldest first, from the checks it loaded', async () => {
    await mountDetail()
    const bar = await screen.findByTestId('heartbeat-bar')
    expect([...bar.querySelectorAll('.beat:not(.beat--empty)')].map((b) => b.getAttribute('data-status'))).toEqual(['up', 'down'])
    expect(api.listChecks).toHaveBeenCalledTimes(1) // no request of its own
  })

  it('names a TLS failure once, and a passed next check as due', async () => {
    vi.mocked(api.getWebsite).mockResolvedValue(
      makeWebsite({
        ...site,
        error_kind: 'TLS',
        error_message: 'TLS certificate error: certificate has expired',
        next_check_at: new Date(Date.now() - 2000).toISOString(),
      }),
    )
    await mountDetail()
    expect((await screen.findByTestId('site-error')).textContent?.trim()).toBe('TLS certificate error: certificate has expired')
    const next = screen.getByText('Next check').nextElementSibling!
    expect(next.textContent?.trim()).toBe('due now')
  })

  it('says so when a panel cannot be loaded, instead of hiding it', async () => {
    vi.mocked(api.fetchStateChanges).mockRejectedValue(httpError(404, { detail: 'Not Found' }))
    await mountDetail()
    expect((await screen.findByRole('alert')).textContent).toMatch('Not Found')
    expect(screen.getByText('State changes could not be loaded.')).toBeTruthy()
    // The rest of the page still shows.
    expect(screen.getByTestId('uptime-24h').textContent).toMatch('99.5 %')
  })

  it('shows why the chart of another window failed', async () => {
    const user = userEvent.setup()
    await mountDetail()
    await screen.findByTestId('uptime-24h')
    vi.mocked(api.fetchSeries).mockRejectedValue(httpError(500, {}))
    await user.click(await screen.findByRole('button', { name: '7 d' }))
    expect((await screen.findByRole('alert')).textContent).toMatch('The server had a problem (500)')
  })

  it('refreshes at once after "Check now"', async () => {
    const user = userEvent.setup()
    vi.mocked(api.checkNow).mockResolvedValue({ detail: 'Check queued', website_id: 7, next_check_at: '2025-01-01T00:02:00Z' })
    await mountDetail()
    await user.click(await screen.findByRole('button', { name: 'Check now' }))
    expect(api.checkNow).toHaveBeenCalledWith(7)
    await waitFor(() => expect(api.getWebsite).toHaveBeenCalledTimes(2))
    expect(screen.getByRole('status').textContent).toMatch('Check queued')
  })

  it('explains why a paused site cannot be checked', async () => {
    const user = userEvent.setup()
    vi.mocked(api.checkNow).mockRejectedValue(httpError(409, { detail: 'This website is paused; resume it to check it' }))
    await mountDetail()
    await user.click(await screen.findByRole('button', { name: 'Check now' }))
    expect((await screen.findByRole('alert')).textContent).toMatch('resume it to check it')
  })

  it('deletes only after confirming, then goes to the dashboard', async () => {
    const user = userEvent.setup()
    vi.mocked(api.deleteWebsite).mockResolvedValue()
    const router = await mountDetail()
    await user.click(await screen.findByRole('button', { name: 'Delete' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete this website?' })
    expect(dialog.textContent).toMatch('Shop')
    expect(api.deleteWebsite).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Delete website' }))
    await waitFor(() => expect(router.currentRoute.value.name).toBe('dashboard'))
    expect(api.deleteWebsite).toHaveBeenCalledWith(7)
  })

  it('says when the site does not exist', async () => {
    vi.mocked(api.getWebsite).mockRejectedValue(httpError(404, { detail: 'Website not found' }))
    await mountDetail()
    expect(await screen.findByRole('heading', { name: 'Website not found' })).toBeTruthy()
  })
})
