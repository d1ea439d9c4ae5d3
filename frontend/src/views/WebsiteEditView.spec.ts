import { render, screen, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { fetchMeta } from '@/api/meta'
import { fetchTelegram } from '@/api/telegram'
import type { ServerMeta } from '@/api/types'
import * as websites from '@/api/websites'
import { httpError } from '@/test/errors'
import { makeWebsite } from '@/test/factories'
import WebsiteEditView from './WebsiteEditView.vue'

vi.mock('@/api/meta', () => ({ fetchMeta: vi.fn() }))
vi.mock('@/api/telegram', () => ({ fetchTelegram: vi.fn(), sendTestMessage: vi.fn() }))
vi.mock('@/api/websites', () => ({ getWebsite: vi.fn(), createWebsite: vi.fn(), updateWebsite: vi.fn() }))

const META: ServerMeta = {
  version: '1.0.0',
  registration: 'open',
  setup_required: false,
  min_check_interval: 120,
  max_websites_per_user: 1000,
  allow_private_targets: false,
  telegram_enabled: true,
}

async function mountNew() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: { template: '<p>dashboard</p>' } },
      { path: '/websites/new', name: 'website-new', component: WebsiteEditView },
      { path: '/websites/:id', name: 'website', component: { template: '<p>detail</p>' } },
    ],
  })
  await router.push('/websites/new')
  await router.isReady()
  render(WebsiteEditView, { global: { plugins: [router, createPinia()] } })
  return router
}

const intervalHint = () => document.getElementById('site-check_interval-hint')?.textContent ?? ''

describe('WebsiteEditView', () => {
  beforeEach(() => {
    vi.mocked(fetchTelegram).mockResolvedValue({ enabled: true, bot_username: 'webmon_bot' })
    vi.mocked(fetchMeta).mockResolvedValue(META)
  })

  it('reads the minimum interval from the server', async () => {
    await mountNew()
    await waitFor(() => expect(intervalHint()).toMatch('from 120 (this server’s minimum)'))
    expect((screen.getByLabelText(/^Check every/) as HTMLInputElement).min).toBe('120')
  })

  it('still adds a site when the server cannot say its limits, naming no minimum', async () => {
    const user = userEvent.setup()
    vi.mocked(fetchMeta).mockRejectedValue(httpError(404, { detail: 'Not Found' }))
    vi.mocked(websites.createWebsite).mockResolvedValue(makeWebsite({ id: 5, name: 'example.com' }))
    const router = await mountNew()
    await waitFor(() => expect(fetchMeta).toHaveBeenCalled())
    expect(intervalHint()).toMatch('this server sets the minimum')
    expect(intervalHint()).not.toMatch(/\b30\b|120/)
    await user.type(screen.getByLabelText(/^URL/), 'example.com/')
    await user.type(screen.getByLabelText(/^Keyword/), 'Example')
    await user.click(screen.getByRole('button', { name: 'Add website' }))
    await waitFor(() => expect(router.currentRoute.value.name).toBe('website'))
    expect(websites.createWebsite).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://example.com/', check_interval: 300 }))
  })

  it('says why the Telegram help is missing when it cannot be loaded', async () => {
    vi.mocked(fetchTelegram).mockRejectedValue(httpError(500, {}))
    await mountNew()
    expect((await screen.findByRole('alert')).textContent).toMatch(/Telegram settings: The server had a problem \(500\)/)
    expect(screen.getByLabelText(/^URL/)).toBeTruthy()
  })
})
