import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '@/App.vue'
import { useSessionStore } from '@/stores/session'

vi.mock('@/api/auth', () => ({ fetchMe: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }))

const user = { id: 1, email: 'a@example.com', username: 'alice', balance: 0, is_active: true, created_at: '2025-01-01T00:00:00Z' }

async function mountAt(path: string, signedIn: boolean) {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (signedIn) useSessionStore().user = user
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: { template: '<h1>Dashboard</h1>' } },
      { path: '/login', name: 'login', component: { template: '<h1>Sign in</h1>' } },
      { path: '/websites/new', name: 'website-new', component: { template: '<p>new</p>' } },
      { path: '/account', name: 'account', component: { template: '<p>account</p>' } },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue') },
    ],
  })
  await router.push('/')
  await router.push(path)
  await router.isReady()
  render(App, { global: { plugins: [router, pinia] } })
  return router
}

describe('NotFoundView', () => {
  beforeEach(() => window.history.replaceState({}, ''))

  it('keeps the header’s navigation and offers the dashboard', async () => {
    await mountAt('/no/such/page', true)
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy()
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(nav.textContent).toMatch(/Dashboard.*Add website.*Account/)
    expect(screen.getByRole('link', { name: 'Go to the dashboard' }).getAttribute('href')).toBe('/')
  })

  it('offers signing in to a visitor without a session', async () => {
    await mountAt('/no/such/page', false)
    expect((await screen.findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe('/login')
  })

  it('goes back to the previous page', async () => {
    const user = userEvent.setup()
    const router = await mountAt('/no/such/page', true)
    window.history.replaceState({ back: '/' }, '')
    await router.replace('/still/nothing')
    await user.click(await screen.findByRole('button', { name: 'Back to the previous page' }))
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/'))
  })
})
