import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { fetchMe } from '@/api/auth'
import { api } from '@/api/client'
import { useSessionStore } from '@/stores/session'
import { httpError } from '@/test/errors'
import { mockAdapter } from '@/test/http'
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
  beforeEach(() => {
    setActivePinia(createPinia())
    window.localStorage.clear()
  })

  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    vi.mocked(fetchMe).mockRejectedValue(httpError(401, { detail: 'Not authenticated' }))
    const router = await makeRouter()
    await router.push('/websites/7?x=1')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toEqual({ next: '/websites/7?x=1' })
  })

  it('says nothing about an ended session to a first-time visitor', async () => {
    vi.mocked(fetchMe).mockRejectedValue(httpError(401, { detail: 'Not authenticated: sign in again' }))
    const router = await makeRouter()
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('login')
    expect(useSessionStore().ended).toBe(false)
  })

  it('sends a browser whose session ended since its last visit to login, saying so', async () => {
    vi.mocked(fetchMe).mockResolvedValueOnce(user)
    const router = await makeRouter()
    await router.push('/')
    setActivePinia(createPinia()) // the page is opened again the next morning
    vi.mocked(fetchMe).mockRejectedValue(httpError(401, { detail: 'Your session has ended: sign in again' }))
    const reopened = await makeRouter()
    await reopened.push('/websites/7')
    expect(reopened.currentRoute.value.name).toBe('login')
    expect(reopened.currentRoute.value.query).toEqual({ next: '/websites/7' })
    expect(useSessionStore().ended).toBe(true)
  })

  it('sends a page whose session ends while it is open (a wall display) to login, saying so', async () => {
    vi.mocked(fetchMe).mockResolvedValue(user)
    const router = await makeRouter()
    await router.push('/websites/7')
    mockAdapter(api, () => ({ status: 401, data: { detail: 'Your session has ended: sign in again' } }))
    await expect(api.get('/websites')).rejects.toThrow()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(useSessionStore().ended).toBe(true)
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
