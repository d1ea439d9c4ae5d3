import { render, screen, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { register, signIn } from '@/api/auth'
import { useSessionStore } from '@/stores/session'
import { httpError } from '@/test/errors'
import LoginView from './LoginView.vue'
import RegisterView from './RegisterView.vue'

vi.mock('@/api/auth', () => ({ register: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), fetchMe: vi.fn() }))

const user = { id: 1, email: 'a@example.com', username: 'alice', balance: 0, is_active: true, created_at: '2025-01-01T00:00:00Z' }

async function mount(component: object, path: string, pinia = createPinia()) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: { template: '<p>dashboard</p>' } },
      { path: '/login', name: 'login', component: LoginView },
      { path: '/register', name: 'register', component: RegisterView },
      { path: '/websites/:id', name: 'website', component: { template: '<p>site</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  render(component, { global: { plugins: [router, pinia] } })
  return router
}

describe('LoginView', () => {
  it('signs in and goes where the user was headed', async () => {
    const u = userEvent.setup()
    vi.mocked(signIn).mockResolvedValue(user)
    const router = await mount(LoginView, '/login?next=/websites/3')
    await u.type(screen.getByLabelText('Email'), 'a@example.com')
    await u.type(screen.getByLabelText('Password'), 'a long password')
    await u.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(signIn).toHaveBeenCalledWith('a@example.com', 'a long password')
    await waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/websites/3'))
  })

  it('says nothing about a session on a first visit', async () => {
    await mount(LoginView, '/login')
    expect(screen.queryByText(/session has ended/)).toBeNull()
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('says the session has ended when it expired or was revoked', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const session = useSessionStore()
    vi.mocked(signIn).mockResolvedValue(user)
    await session.login('a@example.com', 'a long password')
    session.expire()
    await mount(LoginView, '/login?next=/websites/3', pinia)
    expect(screen.getByRole('status').textContent).toBe('Your session has ended. Sign in again.')
  })

  it('says when the password is wrong', async () => {
    const u = userEvent.setup()
    vi.mocked(signIn).mockRejectedValue(httpError(401, { detail: 'Incorrect email or password' }))
    await mount(LoginView, '/login')
    await u.type(screen.getByLabelText('Email'), 'a@example.com')
    await u.type(screen.getByLabelText('Password'), 'nope nope')
    await u.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toMatch('Incorrect email or password')
  })

  it('never follows a next= that leaves the site', async () => {
    const u = userEvent.setup()
    vi.mocked(signIn).mockResolvedValue(user)
    const router = await mount(LoginView, '/login?next=//evil.example/')
    await u.type(screen.getByLabelText('Email'), 'a@example.com')
    await u.type(screen.getByLabelText('Password'), 'a long password')
    await u.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/'))
  })
})

describe('RegisterView', () => {
  async function fill() {
    const u = userEvent.setup()
    await u.type(screen.getByLabelText('Email'), 'a@example.com')
    await u.type(screen.getByLabelText('User name'), 'alice')
    await u.type(screen.getByLabelText('Password'), 'a long password')
    await u.click(screen.getByRole('button', { name: 'Create account' }))
  }

  it('shows the API’s 422 messages beside their fields', async () => {
    vi.mocked(register).mockRejectedValue(
      httpError(422, { detail: [{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' }] }),
    )
    await mount(RegisterView, '/register')
    await fill()
    expect((await screen.findByTestId('register-email-error')).textContent).toMatch('Value is not a valid email address')
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toContain('register-email-error')
  })

  it('puts a duplicate email beside the email field', async () => {
    vi.mocked(register).mockRejectedValue(httpError(409, { detail: 'An account with this email already exists' }))
    await mount(RegisterView, '/register')
    await fill()
    expect((await screen.findByTestId('register-email-error')).textContent).toMatch('already exists')
  })

  it('signs in right after registering', async () => {
    vi.mocked(register).mockResolvedValue(user)
    vi.mocked(signIn).mockResolvedValue(user)
    const router = await mount(RegisterView, '/register')
    await fill()
    await waitFor(() => expect(router.currentRoute.value.name).toBe('dashboard'))
    expect(signIn).toHaveBeenCalledWith('a@example.com', 'a long password')
  })
})
