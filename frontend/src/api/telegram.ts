import { api } from './client'
import type { TelegramInfo, TestMessage } from './types'

export async function fetchTelegram(): Promise<TelegramInfo> {
  return (await api.get<TelegramInfo>('/telegram')).data
}

/** Resolves with the server's message when delivered; a 422 carries the reason it was not. */
export async function sendTestMessage(chatId: string): Promise<string> {
  const { data } = await api.post<TestMessage>('/telegram/test', { chat_id: chatId })
  return data?.detail || 'Test message sent.'
}
