import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTelegramLink, fetchLinkedChats } from '@/api/telegram'
import { httpError } from '@/test/errors'
import TelegramChatField from './TelegramChatField.vue'

vi.mock('@/api/telegram', () => ({
  sendTestMessage: vi.fn(),
  fetchTelegram: vi.fn(),
  fetchLinkedChats: vi.fn(),
  createTelegramLink: vi.fn(),
}))

const TELEGRAM = { enabled: true, bot_username: 'webmon_bot' }
const OPS = { chat_id: '-1001234567890', title: 'Ops', linked_at: '2026-12-01T12:00:00Z' }
const ME = { chat_id: '555', title: 'Alice', linked_at: '2026-12-01T12:01:00Z' }
const LINK = {
  url: 'https://t.me/webmon_bot?start=tok_123456789012345678901234',
  group_url: 'https://t.me/webmon_bot?startgroup=tok_123456789012345678901234',
  token: 'tok_123456789012345678901234',
  expires_at: '2026-12-01T12:15:00Z',
}

function renderField(modelValue = '') {
  return render(TelegramChatField, { props: { modelValue, telegram: TELEGRAM } })
}

describe('TelegramChatField', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    vi.spyOn(window, 'open').mockReturnValue(null)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('offers the linked chats by name, and no chat', async () => {
    vi.mocked(fetchLinkedChats).mockResolvedValue([OPS])
    renderField()
    expect(await screen.findByRole('option', { name: 'Ops (-1001234567890)' })).toBeTruthy()
    expect(screen.getByRole('option', { name: 'No Telegram alerts' })).toBeTruthy()
  })

  it('keeps the site’s current chat even when it is not in the list', async () => {
    vi.mocked(fetchLinkedChats).mockResolvedValue([OPS])
    renderField('-1009999')
    expect(await screen.findByRole('option', { name: '-1009999' })).toBeTruthy()
    expect((screen.getByLabelText(/^Chat$/) as HTMLSelectElement).value).toBe('-1009999')
  })

  it('links a chat: opens Telegram, shows the link to copy, and chooses the chat once linked', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    vi.mocked(fetchLinkedChats).mockResolvedValueOnce([OPS]).mockResolvedValueOnce([OPS]).mockResolvedValue([OPS, ME])
    vi.mocked(createTelegramLink).mockResolvedValue(LINK)
    const { emitted } = renderField()
    await screen.findByRole('option', { name: 'Ops (-1001234567890)' })

    await user.click(screen.getByRole('button', { name: 'Link a chat' }))

    expect(window.open).toHaveBeenCalledWith(LINK.url, '_blank', 'noopener')
    expect((screen.getByLabelText('Link to open in Telegram') as HTMLInputElement).value).toBe(LINK.url)
    expect(screen.getByRole('link', { name: /add the bot to a group/ }).getAttribute('href')).toBe(LINK.group_url)
    expect(screen.getByTestId('telegram-link-box').textContent).toContain(`/start ${LINK.token}`)
    await vi.advanceTimersByTimeAsync(3_000) // first poll: nothing new yet
    expect(emitted()['update:modelValue']).toBeUndefined()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(emitted()['update:modelValue']).toEqual([['555']])
    expect(screen.getByTestId('telegram-link-status').textContent).toMatch(/Linked Alice \(555\)/)
    expect(screen.queryByTestId('telegram-link-box')).toBeNull()
  })

  it('stops looking after a minute and says what to do', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    vi.mocked(fetchLinkedChats).mockResolvedValue([])
    vi.mocked(createTelegramLink).mockResolvedValue(LINK)
    renderField()
    await user.click(screen.getByRole('button', { name: 'Link a chat' }))

    await vi.advanceTimersByTimeAsync(63_000)

    expect(screen.getByTestId('telegram-link-status').textContent).toMatch(/No chat was linked yet/)
    const calls = vi.mocked(fetchLinkedChats).mock.calls.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(vi.mocked(fetchLinkedChats).mock.calls.length).toBe(calls)
  })

  it('says why no link could be made', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    vi.mocked(fetchLinkedChats).mockResolvedValue([])
    vi.mocked(createTelegramLink).mockRejectedValue(httpError(503, { detail: 'Telegram cannot be reached right now' }))
    renderField()
    await user.click(screen.getByRole('button', { name: 'Link a chat' }))
    expect((await screen.findByTestId('telegram-link-status')).textContent).toMatch(/cannot be reached/)
  })

  it('says when the linked chats cannot be loaded, and still takes a typed chat id', async () => {
    vi.mocked(fetchLinkedChats).mockRejectedValue(httpError(503, { detail: 'The database is unavailable' }))
    renderField()
    expect((await screen.findByTestId('telegram-chats-error')).textContent).toMatch(/could not be loaded: The database is unavailable/)
    await vi.waitFor(() => expect((screen.getByLabelText(/^Chat$/) as HTMLElement).tagName).toBe('INPUT'))
    expect(screen.queryByRole('button', { name: 'Link a chat' })).toBeNull()
  })
})
