// Every page of the dashboard, rendered in Russian against a fake server: no English may remain
// in the text, the labels a screen reader reads, the tooltips or the tab title.
import { render, screen, waitFor } from '@testing-library/vue'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '@/App.vue'
import { api } from '@/api/client'
import { installGuards, routes } from '@/router'
import { makeWebsite } from '@/test/factories'
import { mockAdapter, type Reply } from '@/test/http'
import { latinWords } from './allowList'
import { applyLocale } from './index'

// uPlot draws on a canvas, which jsdom has not got (its draw after mounting throws): a stand-in.
// The chart's words (aria-label, headings) come from the components around it, which are real.
vi.mock('uplot', () => {
  class Plot {
    over = document.createElement('div')
    bbox = { width: 600, height: 200 }
    cursor = { idx: null }
    constructor(_opts: unknown, _data: unknown, el: HTMLElement) {
      el.appendChild(this.over)
    }
    valToPos(value: number) {
      return value
    }
    setCursor() {}
    setData() {}
    setSize() {}
    redraw() {}
    destroy() {}
    static paths = { bars: () => () => null }
  }
  return { default: Plot }
})

const now = Date.now()
const iso = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString()
const site = makeWebsite({
  id: 7,
  name: 'Магазин',
  url: 'https://shop.example/',
  valid_word: 'Добро',
  status: 'down',
  error_kind: 'TIMEOUT',
  error_message: 'Нет ответа за 30 с',
  telegram_chat_id: '12345',
  status_changed_at: iso(600),
  tls_expires_at: new Date(now + 40 * 86_400_000).toISOString(),
  failed_checks: 2,
  consecutive_failures: 2,
})
const other = makeWebsite({ id: 8, name: 'Блог', url: 'https://blog.example/', status: 'up' })
const user = {
  id: 1,
  email: 'anna@example.com',
  username: 'anna',
  balance: 0,
  is_active: true,
  created_at: '2025-01-01T00:00:00Z',
  is_admin: true,
  locale: 'ru',
}
/** Words of the fixtures' own data, which are shown as they are. */
const DATA = ['anna', 'example', 'shop', 'blog']

const stats = (window: string) => ({
  window,
  uptime_percent: 99.5,
  checks: 21,
  failed_checks: 2,
  avg_response_time: 120,
  p95_response_time: 300,
  downtime_seconds: 600,
})

let signedIn = true

function answer(method: string, url: string, params: Record<string, unknown> = {}): Reply {
  const path = url.replace(/^\/api\/v1/, '')
  if (path === '/auth/me') return signedIn ? { status: 200, data: user } : { status: 401, data: { detail: 'Not authenticated' } }
  if (path === '/websites' && method === 'get') return { status: 200, data: [site, other], headers: { 'x-total-count': '2' } }
  if (path === '/websites/summary') return { status: 200, data: { total: 2, up: 1, down: 1, pending: 0, paused: 0 } }
  if (path === '/websites/sparklines') {
    const points = [{ t: iso(7200), avg_response_time: 100, up: 10, down: 2 }, { t: iso(3600), avg_response_time: 140, up: 12, down: 0 }]
    return { status: 200, data: { 7: points, 8: points } }
  }
  if (path === '/websites/7') return { status: 200, data: site }
  if (path === '/websites/7/checks') {
    return {
      status: 200,
      data: [
        { id: 2, status: 'down', status_code: null, response_time: null, error_kind: 'TIMEOUT', error_message: 'Нет ответа', checked_at: iso(60) },
        { id: 1, status: 'up', status_code: 200, response_time: 90, error_kind: null, error_message: null, checked_at: iso(360) },
      ],
    }
  }
  if (path === '/websites/7/stats') return { status: 200, data: stats(String(params.window)) }
  if (path === '/websites/7/series') {
    const point = (s: number, down: number) => ({ t: iso(s), avg_response_time: 100, max_response_time: 200, up: 10, down })
    return { status: 200, data: { window: params.window, bucket_seconds: 3600, points: [point(7200, 1), point(3600, 0)] } }
  }
  if (path === '/websites/7/state-changes') {
    return {
      status: 200,
      data: [
        { id: 1, kind: 'recovered', from_status: 'down', to_status: 'up', at: iso(100), outage_started_at: iso(700), reason: 'TIMEOUT', detail: null, status_code: null, delivery: 'sent', sent_at: iso(99) },
        { id: 2, kind: 'down', from_status: 'up', to_status: 'down', at: iso(700), outage_started_at: null, reason: 'HTTP_STATUS', detail: null, status_code: 503, delivery: 'failed', sent_at: null },
      ],
    }
  }
  if (path === '/websites/7/notifications') {
    return {
      status: 200,
      data: [{ id: 1, kind: 'down', chat_id: '12345', status: 'sent', error: null, attempts: 2, created_at: iso(700), sent_at: iso(699) }],
    }
  }
  if (path === '/telegram') return { status: 200, data: { enabled: true, bot_username: 'webmon_bot' } }
  if (path === '/admin/settings') return { status: 200, data: { allow_private_targets: false, registration: 'invite', locked: ['registration'] } }
  if (path === '/admin/invitations') {
    return { status: 200, data: [{ id: 1, created_at: iso(3600), expires_at: iso(-86_400), used_at: null, status: 'pending' }] }
  }
  if (path === '/admin/health') {
    return {
      status: 200,
      data: {
        status: 'ok',
        version: '0.1.0',
        components: { database: { status: 'ok' }, redis: { status: 'ok' }, workers: { status: 'error', error: 'нет ответа' } },
        counts: { users: 2, websites: 21, active_websites: 20, down_websites: 1 },
      },
    }
  }
  if (path === '/meta') return { status: 200, data: { version: '0.1.0', registration: 'open', telegram_enabled: true, min_check_interval: 30 } }
  return { status: 404, data: { detail: 'Not Found' } }
}

async function open(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  installGuards(router)
  await router.push(path)
  await router.isReady()
  render(App, { global: { plugins: [router, pinia] } })
  return router
}

/** What a person sees or hears: the text, the labels and tooltips, the tab title. */
function everythingShown(): string {
  const parts = [document.title]
  // Text node by text node, so that words of neighbouring elements (a select's options) stay apart.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '')
  for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], svg title')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(name)
      if (value) parts.push(value)
    }
  }
  return parts.join('\n')
}

const PAGES: [string, string, boolean][] = [
  ['/', 'site-table', true],
  ['/websites/7', 'check-history', true],
  ['/websites/7/edit', 'website-form', true],
  ['/websites/new', 'website-form', true],
  ['/account', 'account-info', true],
  ['/settings', 'instance-health', true],
  ['/login', 'login-form', false],
  ['/register', 'register-form', false],
  ['/no/such/page', 'not-found', true],
]

describe('the dashboard in Russian', () => {
  beforeEach(() => {
    applyLocale('ru')
    mockAdapter(api, (config) => answer(config.method ?? 'get', config.url ?? '', config.params))
  })
  afterEach(() => {
    signedIn = true
    document.body.innerHTML = ''
  })

  it.each(PAGES)('%s shows no English', async (path, ready, withSession) => {
    signedIn = withSession
    await open(path)
    await screen.findByTestId(ready, {}, { timeout: 4000 })
    if (path === '/websites/7') await screen.findByTestId('state-changes')
    await waitFor(() => expect(document.querySelector('h1')?.textContent).toMatch(/[А-Яа-яЁё]/))
    expect(document.documentElement.lang).toBe('ru')
    expect(document.title).toMatch(/[А-Яа-яЁё]/)
    expect(latinWords(everythingShown(), DATA)).toEqual([])
  })

  it('catches an English word left on a page', async () => {
    await open('/account')
    await screen.findByTestId('account-info')
    document.body.insertAdjacentHTML('beforeend', '<p>Left over</p>')
    expect(latinWords(everythingShown(), DATA)).toEqual(['Left', 'over'])
  })
})
