import { api } from './client'
import type { LinkedChat, TelegramInfo, TelegramLink, TestMessage } from './types'

export async function fetchTelegram(): Promise<TelegramInfo> {
  return (await api.get<TelegramInfo>('/telegram')).data
}

/** The chats this account linked (the bot confirmed each with a one-time /start link). */
export async function fetchLinkedChats(): Promise<LinkedChat[]> {
  return (await api.get<LinkedChat[]>('/telegram/chats')).data
}

/** A one-time t.me link: opened in Telegram, it links that chat to this account. */
export async function createTelegramLink(): Promise<TelegramLink> {
  const { data } = await api.post<TelegramLink>('/telegram/link')
  return data
}

/** Resolves with the server's message when delivered; a 422 carries the reason it was not. */
export async function sendTestMessage(chatId: string): Promise<string> {
  const { data } = await api.post<TestMessage>('/telegram/test', { chat_id: chatId })
  return data?.detail || 'Test message sent.'
}
