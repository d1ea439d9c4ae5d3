// Shapes of the REST API (`/api/v1`), as its OpenAPI document (/openapi.json, /docs) describes them.
// Timestamps are ISO 8601 strings in UTC ("...Z").

export type SiteStatus = 'pending' | 'up' | 'down'
/** What the dashboard filters by: the API's statuses plus "paused" (is_active = false). */
export type StatusFilter = SiteStatus | 'paused'
export type Window = '24h' | '7d' | '30d' | '1y'

export type ErrorKind =
  | 'DNS'
  | 'CONNECT'
  | 'TLS'
  | 'TIMEOUT'
  | 'HTTP_STATUS'
  | 'KEYWORD_MISSING'
  | 'TOO_MANY_REDIRECTS'
  | 'BODY_TOO_LARGE'
  | 'BLOCKED'
  | 'PROTOCOL'

export interface User {
  id: number
  email: string
  username: string
  balance: number
  is_active: boolean
  created_at: string
  /** The instance administrator (absent on older servers). */
  is_admin?: boolean
}

export type Registration = 'open' | 'invite' | 'closed'

/** GET /admin/settings: what the administrator may change; `locked` ones are set by the environment. */
export interface InstanceSettings {
  allow_private_targets: boolean
  registration: Registration
  locked: ('allow_private_targets' | 'registration')[]
}

export interface InvitationCreated {
  id: number
  url: string
  token: string
  expires_at: string
}

export interface Invitation {
  id: number
  created_at: string
  expires_at: string
  used_at: string | null
  status: 'pending' | 'used' | 'expired'
}

export interface HealthComponent {
  status: string
  error?: string
  latency_ms?: number
  [key: string]: unknown
}

export interface AdminHealth {
  status: 'ok' | 'error'
  version: string
  components: Record<string, HealthComponent>
  counts: { users: number; websites: number; active_websites: number; down_websites: number }
}

/** GET /meta: public facts about the server. */
export interface ServerMeta {
  version: string
  registration: Registration
  setup_required: boolean
  min_check_interval: number
  max_websites_per_user: number
  allow_private_targets: boolean
  telegram_enabled: boolean
}

/** The fields a user may write. */
export interface WebsiteInput {
  url: string
  name: string | null
  valid_word: string
  timeout: number
  check_interval: number
  failure_threshold: number
  telegram_chat_id: string | null
  is_active: boolean
  /** Lower case, sorted; see TAG_RULES in utils/tags.ts. */
  tags: string[]
}

export interface Website extends WebsiteInput {
  id: number
  name: string
  status: SiteStatus
  last_check: string | null
  next_check_at: string | null
  response_time: number | null
  error_message: string | null
  total_checks: number
  failed_checks: number
  consecutive_failures: number
  last_notification_sent: string | null
  created_at: string
  updated_at: string | null
  // Being added by the backend; absent on older servers.
  uptime_24h?: number | null
  error_kind?: ErrorKind | string | null
  status_changed_at?: string | null
  tls_expires_at?: string | null
  telegram_error?: string | null
}

export interface WebsitePage {
  items: Website[]
  total: number
}

export interface Summary {
  total: number
  up: number
  down: number
  pending: number
  paused: number
}

export interface SparkPoint {
  t: string
  avg_response_time: number | null
  up: number
  down: number
}

export type Sparklines = Record<string, SparkPoint[]>

export interface Check {
  id: number
  status: 'up' | 'down'
  status_code: number | null
  response_time: number | null
  error_kind: string | null
  error_message: string | null
  checked_at: string
}

export interface Stats {
  window: Window
  uptime_percent: number | null
  checks: number
  failed_checks: number
  avg_response_time: number | null
  p95_response_time: number | null
  downtime_seconds?: number | null
}

export interface SeriesPoint {
  t: string
  avg_response_time: number | null
  max_response_time: number | null
  up: number
  down: number
}

export interface Series {
  window: Window
  bucket_seconds: number
  points: SeriesPoint[]
}

export interface StateChange {
  id: number
  kind: 'down' | 'recovered' | 'reminder'
  from_status: string | null
  to_status: string | null
  at: string
  outage_started_at: string | null
  reason: string | null
  detail: string | null
  status_code: number | null
  delivery: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'
  sent_at: string | null
}

export interface Notification {
  id: number
  kind: string
  chat_id: string
  status: 'sent' | 'failed' | 'broken'
  error: string | null
  attempts: number
  created_at: string
  sent_at: string | null
}

export interface CheckQueued {
  detail: string
  website_id: number
  next_check_at: string
}

export interface TelegramInfo {
  enabled: boolean
  bot_username: string | null
}

export interface TagCount {
  tag: string
  count: number
}

export type BulkAction = 'pause' | 'resume' | 'delete' | 'check' | 'add_tag' | 'remove_tag'

export interface BulkRequest {
  ids: number[]
  action: BulkAction
  tag?: string
}

export interface BulkResult {
  action: BulkAction
  affected: number
  /** check only: the sites not queued, and why. */
  skipped: { id: number; reason: 'paused' | 'checked_recently' | 'account_limit' }[]
}
