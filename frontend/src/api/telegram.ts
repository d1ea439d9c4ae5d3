import { t } from '@/i18n'
import { api } from './client'
import { translateDetail } from './problems'
import type { TelegramInfo, TestMessage } from './types'

export async function fetchTelegram(): Promise<TelegramInfo> {
  return (await api.get<TelegramInfo>('/telegram')).data
}

/** Resolves with the server's message when delivered; a 422 carries the reason it was not. */
export async function sendTestMessage(chatId: string): Promise<string> {
  const { data } = await api.post<TestMessage>('/telegram/test', { chat_id: chatId })
  return data?.detail && data.detail !== 'Test message sent' ? translateDetail(data.detail) : t('telegram.sent')
}
