import { render, screen, waitFor, within } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import * as api from '@/api/websites'
import { httpError } from '@/test/errors'
import { makeWebsite } from '@/test/factories'
import DashboardView from './DashboardView.vue'

vi.mock('@/api/websites', () => ({
  PAGE_SIZE: 100,
  MAX_BULK_IDS: 1000,
  listWebsites: vi.fn(),
  fetchSummary: vi.fn(),
  fetchHeartbeats: vi.fn(),
  fetchTags: vi.fn(),
  bulkAction: vi.fn(),
  matchingIds: vi.fn(),
}))

const HOSTILE = '<img src=x onerror=alert(1)>'

async function mountDashboard(path = '/') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: DashboardView },
      { path: '/websites/new', name: 'website-new', component: { template: '<p>new</p>' } },
      { path: '/websites/:id', name: 'website', component: { template: '<p>detail</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const view = render(DashboardView, { global: { plugins: [router, createPinia()] } })
  return { router, ...view }
}

describe('DashboardView', () => {
  beforeEach(() => {
    vi.mocked(api.fetchSummary).mockResolvedValue({ total: 10_000, up: 9_000, down: 900, pending: 50, paused: 50 })
    vi.mocked(api.fetchHeartbeats).mockResolvedValue({})
    vi.mocked(api.fetchTags).mockResolvedValue([])
  })

  it('renders a hostile site name and error as text, never as HTML', async () => {
    const site = makeWebsite({ name: HOSTILE, url: 'https://x.example/"><script>alert(1)</script>', status: 'down', error_message: '<b>boom</b>' })
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [site], total: 1 })
    const { container } = await mountDashboard()
    const link = await screen.findByRole('link', { name: HOSTILE })
    expect(link.textContent?.trim()).toBe(HOSTILE)
    expect(screen.getByText('https://x.example/"><script>alert(1)</script>')).toBeTruthy()
    expect(screen.getByText(/<b>boom<\/b>/)).toBeTruthy()
    expect(container.querySelector('table img, table script, table b')).toBeNull()
  })

  it('shows each site with its status in words, and the page range', async () => {
    const sites = Array.from({ length: 100 }, (_, i) => makeWebsite({ status: i === 0 ? 'down' : 'up' }))
    vi.mocked(api.listWebsites).mockResolvedValue({ items: sites, total: 10_000 })
    await mountDashboard()
    const rows = await screen.findAllByTestId('site-row')
    expect(rows).toHaveLength(100)
    expect(within(rows[0]!).getByText('Down')).toBeTruthy()
    expect(within(rows[0]!).getByText('12 seconds ago')).toBeTruthy()
    expect(screen.getByText('1–100 of 10,000')).toBeTruthy()
    expect(api.listWebsites).toHaveBeenCalledWith({ limit: 100, offset: 0, status: null, q: '', tags: [] }, expect.any(AbortSignal))
    // Heartbeat bars for the visible page only, in one request.
    await waitFor(() => expect(api.fetchHeartbeats).toHaveBeenCalledWith(sites.map((s) => s.id), expect.any(AbortSignal)))
    expect(api.fetchHeartbeats).toHaveBeenCalledTimes(1)
  })

  it("draws each row's heartbeat bar from the page's heartbeats", async () => {
    const [up, fresh] = [makeWebsite(), makeWebsite()]
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [up, fresh], total: 2 })
    const beat = { t: '2025-01-01T00:00:00Z', status: 'up' as const, code: 200, ms: 80, kind: null, error: null }
    vi.mocked(api.fetchHeartbeats).mockResolvedValue({ [up.id]: [beat, { ...beat, t: '2025-01-01T00:01:00Z' }], [fresh.id]: [] })
    await mountDashboard()
    const rows = await screen.findAllByTestId('site-row')
    const bar = await within(rows[0]!).findByTestId('heartbeat-bar')
    expect(bar.querySelectorAll('.beat--up')).toHaveLength(2)
    expect(within(rows[1]!).queryByTestId('heartbeat-bar')).toBeNull() // never checked: a dash
  })

  it('says when the tags for the filter cannot be loaded, and still lists the sites', async () => {
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [makeWebsite()], total: 1 })
    vi.mocked(api.fetchTags).mockRejectedValue(httpError(503, { detail: 'The database is unavailable' }))
    await mountDashboard()
    expect((await screen.findByTestId('tags-error')).textContent).toMatch(/could not be loaded: The database is unavailable/)
    expect(await screen.findAllByTestId('site-row')).toHaveLength(1)
  })

  it('filters by status from the header counts', async () => {
    const user = userEvent.setup()
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [makeWebsite()], total: 1 })
    const { router } = await mountDashboard()
    const down = await screen.findByRole('button', { name: /900\s*Down/ })
    await user.click(down)
    await waitFor(() => expect(router.currentRoute.value.query).toEqual({ status: 'down' }))
    await waitFor(() =>
      expect(api.listWebsites).toHaveBeenLastCalledWith({ limit: 100, offset: 0, status: 'down', q: '', tags: [] }, expect.any(AbortSignal)),
    )
    expect(screen.getByRole('button', { name: /900\s*Down/ }).getAttribute('aria-pressed')).toBe('true')
  })

  it('searches on the server after a pause in typing', async () => {
    const user = userEvent.setup()
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [makeWebsite()], total: 1 })
    const { router } = await mountDashboard('/?page=3')
    await user.type(await screen.findByRole('searchbox', { name: 'Search by name or URL' }), 'shop')
    await waitFor(() => expect(router.currentRoute.value.query).toEqual({ q: 'shop' }))
    await waitFor(() =>
      expect(api.listWebsites).toHaveBeenLastCalledWith({ limit: 100, offset: 0, status: null, q: 'shop', tags: [] }, expect.any(AbortSignal)),
    )
    const calls = vi.mocked(api.listWebsites).mock.calls.filter(([params]) => params.q)
    expect(calls).toHaveLength(1) // one request for the whole word, not one per key
  })

  it('invites adding the first site when there are none', async () => {
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [], total: 0 })
    await mountDashboard()
    expect(await screen.findByRole('heading', { name: 'No websites yet' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Add your first website' }).getAttribute('href')).toBe('/websites/new')
  })

  it('keeps the list and says why when the counts cannot be loaded', async () => {
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [makeWebsite({ name: 'Shop' })], total: 1 })
    vi.mocked(api.fetchSummary).mockRejectedValue(httpError(404, { detail: 'Not Found' }))
    await mountDashboard()
    expect((await screen.findByRole('alert')).textContent).toMatch('Not Found')
    expect(screen.getByRole('link', { name: 'Shop' })).toBeTruthy()
  })

  it('says why the heartbeat bars are missing', async () => {
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [makeWebsite()], total: 1 })
    vi.mocked(api.fetchHeartbeats).mockRejectedValue(httpError(500, {}))
    await mountDashboard()
    expect((await screen.findByRole('alert')).textContent).toMatch('The server had a problem (500)')
    expect(screen.getAllByTestId('site-row')).toHaveLength(1)
  })

  it('says what went wrong when the list cannot be loaded', async () => {
    vi.mocked(api.listWebsites).mockRejectedValue(Object.assign(new Error('Network Error'), { isAxiosError: true }))
    await mountDashboard()
    expect((await screen.findByRole('alert')).textContent).toMatch(/Cannot reach the Webmon server/)
  })

  it('filters by a tag from the account\'s tags', async () => {
    const user = userEvent.setup()
    vi.mocked(api.fetchTags).mockResolvedValue([{ tag: 'prod', count: 3 }, { tag: 'eu', count: 1 }])
    vi.mocked(api.listWebsites).mockResolvedValue({ items: [makeWebsite({ tags: ['prod'] })], total: 1 })
    const { router } = await mountDashboard()
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Tag' }), 'prod')
    await waitFor(() => expect(router.currentRoute.value.query).toEqual({ tag: 'prod' }))
    await waitFor(() =>
      expect(api.listWebsites).toHaveBeenLastCalledWith({ limit: 100, offset: 0, status: null, q: '', tags: ['prod'] }, expect.any(AbortSignal)),
    )
    expect(within(screen.getByTestId('site-row')).getByRole('list', { name: 'Tags' }).textContent).toContain('prod')
  })

  it('selects a range with shift-click and pauses it in one request', async () => {
    const user = userEvent.setup()
    const sites = Array.from({ length: 5 }, () => makeWebsite())
    vi.mocked(api.listWebsites).mockResolvedValue({ items: sites, total: 5 })
    vi.mocked(api.bulkAction).mockResolvedValue({ action: 'pause', affected: 3, skipped: [] })
    await mountDashboard()
    const boxes = await screen.findAllByRole('checkbox', { name: /^Select site/ })
    await user.click(boxes[1]!)
    await user.keyboard('{Shift>}')
    await user.click(boxes[3]!)
    await user.keyboard('{/Shift}')
    expect(screen.getByTestId('bulk-count').textContent).toBe('3 websites selected')
    await user.click(screen.getByRole('button', { name: 'Pause' }))
    await waitFor(() => expect(api.bulkAction).toHaveBeenCalledTimes(1))
    expect(api.bulkAction).toHaveBeenCalledWith({ ids: [sites[1]!.id, sites[2]!.id, sites[3]!.id], action: 'pause' })
    expect((await screen.findByTestId('bulk-message')).textContent).toBe('Paused 3 websites.')
  })

  it('selects every matching site across pages and acts on their ids', async () => {
    const user = userEvent.setup()
    const sites = Array.from({ length: 10 }, () => makeWebsite())
    vi.mocked(api.listWebsites).mockResolvedValue({ items: sites, total: 250 })
    vi.mocked(api.matchingIds).mockResolvedValue(Array.from({ length: 250 }, (_, i) => i + 1))
    vi.mocked(api.bulkAction).mockResolvedValue({ action: 'check', affected: 240, skipped: [{ id: 1, reason: 'paused' }] })
    await mountDashboard('/?q=shop')
    await user.click(await screen.findByRole('checkbox', { name: 'Select every website on this page' }))
    await user.click(screen.getByRole('button', { name: 'Select all 250 matching' }))
    expect(screen.getByTestId('bulk-count').textContent).toBe('250 websites selected')
    await user.click(screen.getByRole('button', { name: 'Check now' }))
    await waitFor(() => expect(api.bulkAction).toHaveBeenCalledTimes(1))
    expect(api.matchingIds).toHaveBeenCalledWith({ status: null, q: 'shop', tags: [] }, 1000)
    expect(vi.mocked(api.bulkAction).mock.calls[0]![0].ids).toHaveLength(250)
    expect((await screen.findByTestId('bulk-message')).textContent).toBe('Queued checks of 240 websites. Skipped: 1 paused.')
  })
})
