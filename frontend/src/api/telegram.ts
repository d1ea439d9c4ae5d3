import { t } from '@/i18n'
import { api, optional } from './client'
import { translateDetail } from './problems'
import type { TelegramInfo } from './types'

/** null when the server does not have the endpoint yet. */
export async function fetchTelegram(): Promise<TelegramInfo | null> {
  return optional(api.get<TelegramInfo>('/telegram').then((r) => r.data))
}

/** Resolves with the server's message when delivered; a 422 carries the reason it was not. */
export async function sendTestMessage(chatId: string): Promise<string> {
  const { data } = await api.post<{ detail?: string }>('/telegram/test', { chat_id: chatId })
  return data?.detail && data.detail !== 'Test message sent' ? translateDetail(data.detail) : t('telegram.sent')
}
