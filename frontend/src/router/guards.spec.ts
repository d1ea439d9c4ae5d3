import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { fetchMe } from '@/api/auth'
import { httpError } from '@/test/errors'
import { useSessionStore } from '@/stores/session'
import { installGuards } from './index'

vi.mock('@/api/auth', () => ({ fetchMe: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }))
vi.mock('@/views/DashboardView.vue', () => ({ default: { template: '<p>dashboard</p>' } }))
vi.mock('@/views/LoginView.vue', () => ({ default: { template: '<p>login</p>' } }))

const user = { id: 1, email: 'a@example.com', username: 'alice', balance: 0, is_active: true, created_at: '2025-01-01T00:00:00Z' }

async function makeRouter() {
  const { routes } = await import('./index')
  const router = createRouter({ history: createMemoryHistory(), routes })
  installGuards(router)
  return router
}

describe('route guards', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    vi.mocked(fetchMe).mockRejectedValue(httpError(401, { detail: 'Not authenticated' }))
    const router = await makeRouter()
    await router.push('/websites/7?x=1')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toEqual({ next: '/websites/7?x=1' })
  })

  it('lets a signed-in user through and keeps them off the login page', async () => {
    vi.mocked(fetchMe).mockResolvedValue(user)
    const router = await makeRouter()
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('dashboard')
    await router.push('/login?next=/account')
    expect(router.currentRoute.value.fullPath).toBe('/account')
  })

  it('shows the 404 page for unknown paths', async () => {
    vi.mocked(fetchMe).mockResolvedValue(user)
    const router = await makeRouter()
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('asks who is signed in on the 404 page, so the header keeps its navigation', async () => {
    vi.mocked(fetchMe).mockResolvedValue(user)
    const router = await makeRouter()
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
    expect(useSessionStore().signedIn).toBe(true)
  })

  it('shows the 404 page to a visitor without a session too', async () => {
    vi.mocked(fetchMe).mockRejectedValue(httpError(401, { detail: 'Not authenticated' }))
    const router = await makeRouter()
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
  })
})
