import { render, screen, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { register, signIn } from '@/api/auth'
import { httpError } from '@/test/errors'
import RegisterView from './RegisterView.vue'

vi.mock('@/api/auth', () => ({ register: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), fetchMe: vi.fn() }))

const user = { id: 2, email: 'b@example.com', username: 'bob', balance: 0, is_active: true, created_at: '2025-01-01T00:00:00Z' }

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: { template: '<p>dashboard</p>' } },
      { path: '/login', name: 'login', component: { template: '<p>login</p>' } },
      { path: '/register', name: 'register', component: RegisterView },
    ],
  })
  await router.push(path)
  await router.isReady()
  render(RegisterView, { global: { plugins: [router, createPinia()] } })
  return router
}

async function fillAndSubmit() {
  const u = userEvent.setup()
  await u.type(screen.getByLabelText('Email'), 'b@example.com')
  await u.type(screen.getByLabelText('User name'), 'bob')
  await u.type(screen.getByLabelText('Password'), 'a long password')
  await u.click(screen.getByTestId('register-submit'))
}

describe('RegisterView with an invitation link', () => {
  it('says so and sends the invitation with the registration', async () => {
    vi.mocked(register).mockResolvedValue(user)
    vi.mocked(signIn).mockResolvedValue(user)
    const router = await mountAt('/register?invitation=tok-123')
    expect(screen.getByTestId('invited').textContent).toMatch('You were invited')
    await fillAndSubmit()
    expect(register).toHaveBeenCalledWith('b@example.com', 'bob', 'a long password', 'tok-123')
    await waitFor(() => expect(router.currentRoute.value.name).toBe('dashboard'))
  })

  it('shows why a server refuses the registration', async () => {
    vi.mocked(register).mockRejectedValue(
      httpError(403, { detail: 'Registration on this server needs an invitation. Ask its administrator for an invitation link' }),
    )
    await mountAt('/register')
    expect(screen.queryByTestId('invited')).toBeNull()
    await fillAndSubmit()
    expect((await screen.findByTestId('form-error')).textContent).toMatch('needs an invitation')
  })
})
