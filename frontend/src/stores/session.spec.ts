import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchMe, signIn, signOut } from '@/api/auth'
import { httpError } from '@/test/errors'
import { useSessionStore } from './session'

vi.mock('@/api/auth', () => ({ fetchMe: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }))

const user = { id: 1, email: 'a@example.com', username: 'alice', balance: 0, is_active: true, created_at: '2025-01-01T00:00:00Z' }

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    window.localStorage.clear()
    vi.mocked(signIn).mockResolvedValue(user)
    vi.mocked(signOut).mockResolvedValue()
  })

  it('says nothing has ended on a first visit without a session', async () => {
    vi.mocked(fetchMe).mockRejectedValue(httpError(401))
    const session = useSessionStore()
    expect(await session.load()).toBeNull()
    expect(session.ended).toBe(false)
  })

  it('marks the session ended when the server refuses it while signed in', async () => {
    const session = useSessionStore()
    await session.login('a@example.com', 'a long password')
    session.expire()
    expect(session.signedIn).toBe(false)
    expect(session.ended).toBe(true)
  })

  it('knows after a reload that this browser had a session that has since ended', async () => {
    await useSessionStore().login('a@example.com', 'a long password')
    setActivePinia(createPinia()) // a new page: nothing in memory
    vi.mocked(fetchMe).mockRejectedValue(httpError(401))
    const session = useSessionStore()
    await session.load()
    expect(session.ended).toBe(true)
  })

  it('does not call logging out an ended session', async () => {
    const session = useSessionStore()
    await session.login('a@example.com', 'a long password')
    await session.logout()
    expect(signOut).toHaveBeenCalled()
    expect(session.ended).toBe(false)
    setActivePinia(createPinia())
    vi.mocked(fetchMe).mockRejectedValue(httpError(401))
    const later = useSessionStore()
    await later.load()
    expect(later.ended).toBe(false)
  })

  it('forgets that the session ended once signed in again', async () => {
    const session = useSessionStore()
    await session.login('a@example.com', 'a long password')
    session.expire()
    await session.login('a@example.com', 'a long password')
    expect(session.ended).toBe(false)
  })
})
