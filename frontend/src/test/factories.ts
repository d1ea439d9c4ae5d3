import type { WebsiteListItem } from '@/api/types'

let nextId = 1

/** A website as the list returns it (a superset of GET /websites/{id}'s, so it serves both). */
export function makeWebsite(overrides: Partial<WebsiteListItem> = {}): WebsiteListItem {
  const id = overrides.id ?? nextId++
  return {
    id,
    url: `https://site${id}.example/`,
    name: `site${id}.example`,
    valid_word: 'Welcome',
    timeout: 30,
    check_interval: 300,
    failure_threshold: 2,
    telegram_chat_id: null,
    is_active: true,
    tags: [],
    status: 'up',
    last_check: new Date(Date.now() - 12_000).toISOString(),
    next_check_at: new Date(Date.now() + 288_000).toISOString(),
    response_time: 123,
    error_message: null,
    total_checks: 10,
    failed_checks: 0,
    consecutive_failures: 0,
    last_notification_sent: null,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: null,
    uptime_24h: 100,
    error_kind: null,
    status_changed_at: null,
    tls_expires_at: null,
    telegram_error: null,
    ...overrides,
  }
}
