import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { fetchLinkedChats, sendTestMessage } from '@/api/telegram'
import { httpError } from '@/test/errors'
import WebsiteForm from './WebsiteForm.vue'

vi.mock('@/api/telegram', () => ({
  sendTestMessage: vi.fn(),
  fetchTelegram: vi.fn(),
  fetchLinkedChats: vi.fn().mockResolvedValue([]),
  createTelegramLink: vi.fn(),
}))

const OPS = { chat_id: '-1001234567890', title: 'Ops', linked_at: '2026-12-01T12:00:00Z' }

const input = (label: RegExp) => screen.getByLabelText(label) as HTMLInputElement

describe('WebsiteForm', () => {
  it('starts with sensible defaults', () => {
    render(WebsiteForm)
    expect(input(/^URL/).value).toBe('https://')
    expect(input(/^Name/).value).toBe('')
    expect(input(/^Check every/).value).toBe('300')
    expect(input(/^Timeout/).value).toBe('30')
    expect(input(/^Failures before/).value).toBe('2')
    expect(input(/^Chat$/).value).toBe('')
    expect(input(/^Monitoring active/).checked).toBe(true)
  })

  it('checks the obvious before sending anything', async () => {
    const user = userEvent.setup()
    const { emitted } = render(WebsiteForm)
    await user.clear(input(/^Timeout/))
    await user.type(input(/^Timeout/), '500')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(emitted().submit).toBeUndefined()
    expect(screen.getByTestId('site-url-error').textContent).toMatch(/Enter the address/)
    expect(screen.getByTestId('site-valid_word-error').textContent).toMatch(/word the page must contain/)
    expect(screen.getByTestId('site-timeout-error').textContent).toMatch(/between 1 and 120/)
    expect(input(/^URL/).getAttribute('aria-invalid')).toBe('true')
    expect(input(/^URL/).getAttribute('aria-describedby')).toContain('site-url-error')
  })

  it('submits the values once they are valid', async () => {
    const user = userEvent.setup()
    const { emitted } = render(WebsiteForm)
    await user.type(input(/^URL/), 'example.com/')
    await user.type(input(/^Keyword/), 'Example Domain')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(emitted().submit).toEqual([[expect.objectContaining({ url: 'https://example.com/', valid_word: 'Example Domain', check_interval: 300 })]])
  })

  it('shows the server’s field errors beside their fields', async () => {
    const user = userEvent.setup()
    render(WebsiteForm, {
      props: {
        serverErrors: {
          check_interval: 'Must be at least 30 seconds (this server’s minimum)',
          telegram_chat_id: 'The bot cannot reach this chat: open @webmon_bot and send /start',
        },
        generalError: 'Please correct the fields marked below.',
      },
    })
    expect(screen.getByRole('alert').textContent).toMatch(/correct the fields/)
    expect(screen.getByTestId('site-check_interval-error').textContent).toMatch(/at least 30 seconds/)
    expect(screen.getByTestId('site-telegram_chat_id-error').textContent).toMatch(/send \/start/)
    // Editing the field clears its server message.
    await user.type(input(/^Check every/), '0')
    expect(screen.queryByTestId('site-check_interval-error')).toBeNull()
    expect(screen.getByTestId('site-telegram_chat_id-error')).toBeTruthy()
  })

  it('shows the server’s minimum interval in the hint and as the input’s minimum', async () => {
    const user = userEvent.setup()
    const { emitted } = render(WebsiteForm, { props: { minInterval: 60 } })
    const interval = input(/^Check every/)
    expect(interval.min).toBe('60')
    expect(screen.getByText(/from 60 \(this server’s minimum\) to 86,400/)).toBeTruthy()
    await user.type(input(/^URL/), 'example.com/')
    await user.type(input(/^Keyword/), 'Example')
    await user.clear(interval)
    await user.type(interval, '30')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(emitted().submit).toBeUndefined()
    expect(screen.getByTestId('site-check_interval-error').textContent).toMatch('between 60 and 86400')
  })

  it('names no minimum interval when the server’s is not known', () => {
    render(WebsiteForm, { props: { minInterval: null } })
    const hint = document.getElementById('site-check_interval-hint')!.textContent!
    expect(hint).toMatch('this server sets the minimum')
    expect(hint).not.toMatch(/usually|\b30\b/)
    expect(input(/^Check every/).min).toBe('1')
  })

  it('says that the keyword is case-sensitive', () => {
    render(WebsiteForm)
    expect(document.getElementById('site-valid_word-hint')!.textContent).toMatch(/Capital letters count/)
  })

    it('says so when Telegram is not configured', () => {
    render(WebsiteForm, { props: { telegram: { enabled: false, bot_username: null } } })
    expect(screen.getByTestId('telegram-disabled').textContent).toMatch(/not set up/)
    expect((screen.getByRole('button', { name: 'Send test message' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('offers the linked chats and sends a test message to the one chosen', async () => {
    const user = userEvent.setup()
    vi.mocked(fetchLinkedChats).mockResolvedValueOnce([OPS])
    vi.mocked(sendTestMessage).mockResolvedValue('Test message sent')
    render(WebsiteForm, { props: { telegram: { enabled: true, bot_username: 'webmon_bot' } } })
    expect(screen.getByTestId('telegram-howto').textContent).toMatch(/Link a chat/)
    await user.selectOptions(input(/^Chat$/), await screen.findByRole('option', { name: 'Ops (-1001234567890)' }))
    await user.click(screen.getByRole('button', { name: 'Send test message' }))
    expect(sendTestMessage).toHaveBeenCalledWith('-1001234567890')
    expect((await screen.findByTestId('telegram-test-result')).textContent).toMatch('Test message sent')
  })

  it('shows why a test message could not be delivered', async () => {
    const user = userEvent.setup()
    vi.mocked(sendTestMessage).mockRejectedValue(
      httpError(422, { detail: 'The bot cannot reach this chat: open @webmon_bot and send /start' }),
    )
    vi.mocked(fetchLinkedChats).mockResolvedValueOnce([{ ...OPS, chat_id: '12345', title: null }])
    render(WebsiteForm, { props: { telegram: { enabled: true, bot_username: 'webmon_bot' } } })
    await user.selectOptions(input(/^Chat$/), await screen.findByRole('option', { name: '12345' }))
    await user.click(screen.getByRole('button', { name: 'Send test message' }))
    expect((await screen.findByTestId('telegram-test-result')).textContent).toMatch(/open @webmon_bot and send \/start/)
  })
})
