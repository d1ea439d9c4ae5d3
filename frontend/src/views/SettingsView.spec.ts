import { render, screen, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as admin from '@/api/admin'
import { httpError } from '@/test/errors'
import SettingsView from './SettingsView.vue'

vi.mock('@/api/admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/admin')>()),
  fetchInstanceSettings: vi.fn(),
  updateInstanceSettings: vi.fn(),
  createInvitation: vi.fn(),
  fetchInvitations: vi.fn(),
  revokeInvitation: vi.fn(),
  fetchInstanceHealth: vi.fn(),
}))

const health = {
  status: 'ok' as const,
  version: '0.1.0',
  components: { database: { status: 'ok', latency_ms: 1 } },
  counts: { users: 2, websites: 3, active_websites: 2, down_websites: 1 },
}

function mount() {
  render(SettingsView, { global: { plugins: [createPinia()] } })
}

describe('SettingsView', () => {
  beforeEach(() => {
    vi.mocked(admin.fetchInvitations).mockResolvedValue([])
    vi.mocked(admin.fetchInstanceHealth).mockResolvedValue(health)
  })

  it('switches private networks on and says it is saved', async () => {
    const u = userEvent.setup()
    vi.mocked(admin.fetchInstanceSettings).mockResolvedValue({ allow_private_targets: false, registration: 'open', locked: [] })
    vi.mocked(admin.updateInstanceSettings).mockResolvedValue({ allow_private_targets: true, registration: 'open', locked: [] })
    mount()
    await u.click(await screen.findByLabelText(/Allow private network targets/))
    expect(admin.updateInstanceSettings).toHaveBeenCalledWith({ allow_private_targets: true })
    expect((await screen.findByTestId('settings-saved')).textContent).toMatch('Saved')
  })

  it('disables what the environment sets and says so', async () => {
    vi.mocked(admin.fetchInstanceSettings).mockResolvedValue({
      allow_private_targets: false,
      registration: 'invite',
      locked: ['allow_private_targets'],
    })
    mount()
    const box = (await screen.findByLabelText(/Allow private network targets/)) as HTMLInputElement
    expect(box.disabled).toBe(true)
    expect(screen.getByTestId('private-locked').textContent).toMatch('Set by the environment')
    expect((screen.getByLabelText(/Invitation only/) as HTMLInputElement).checked).toBe(true)
    expect((screen.getByLabelText(/Closed/) as HTMLInputElement).disabled).toBe(false)
  })

  it('makes an invitation link at the address the dashboard is open at', async () => {
    const u = userEvent.setup()
    vi.mocked(admin.fetchInstanceSettings).mockResolvedValue({ allow_private_targets: false, registration: 'invite', locked: [] })
    vi.mocked(admin.createInvitation).mockResolvedValue({
      id: 1,
      url: 'http://127.0.0.1:8000/register?invitation=tok',
      token: 'tok',
      expires_at: '2030-01-01T00:00:00Z',
    })
    mount()
    await u.click(await screen.findByTestId('create-invitation'))
    const link = (await screen.findByTestId('invitation-link')) as HTMLInputElement
    expect(link.value).toBe(`${window.location.origin}/register?invitation=tok`)
  })

  it('shows the health and the counts', async () => {
    vi.mocked(admin.fetchInstanceSettings).mockResolvedValue({ allow_private_targets: false, registration: 'open', locked: [] })
    mount()
    expect((await screen.findByTestId('health-users')).textContent).toBe('2')
    expect(screen.getByTestId('health-websites').textContent).toMatch('3 (2 active, 1 down)')
  })

  it('tells someone who is not the administrator that the page is not theirs', async () => {
    vi.mocked(admin.fetchInstanceSettings).mockRejectedValue(httpError(403, { detail: 'Only the instance administrator can do this' }))
    mount()
    await waitFor(() => expect(screen.getByTestId('settings-forbidden').textContent).toMatch('Only the administrator'))
  })
})
