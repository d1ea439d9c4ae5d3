import { api, optional } from './client'
import type { LinkedChat, TelegramInfo, TelegramLink } from './types'

/** null when the server does not have the endpoint yet. */
export async function fetchTelegram(): Promise<TelegramInfo | null> {
  return optional(api.get<TelegramInfo>('/telegram').then((r) => r.data))
}

/** The chats this account linked; null when the server cannot link chats (older server). */
export async function fetchLinkedChats(): Promise<LinkedChat[] | null> {
  return optional(api.get<LinkedChat[]>('/telegram/chats').then((r) => r.data))
}

/** A one-time t.me link: opened in Telegram, it links that chat to this account. */
export async function createTelegramLink(): Promise<TelegramLink> {
  const { data } = await api.post<TelegramLink>('/telegram/link')
  return data
}

/** Resolves with the server's message when delivered; a 422 carries the reason it was not. */
export async function sendTestMessage(chatId: string): Promise<string> {
  const { data } = await api.post<{ detail?: string }>('/telegram/test', { chat_id: chatId })
  return data?.detail || 'Test message sent.'
}
