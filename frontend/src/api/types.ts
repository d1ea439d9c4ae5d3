// The REST API's shapes (`/api/v1`) under the names the dashboard uses. Every one is an alias of
// src/api/schema.d.ts, which is generated from the backend's OpenAPI document (`npm run gen:api`),
// so a changed API shows up here as a compile error instead of a silent drift.
// Timestamps are ISO 8601 strings in UTC ("...Z").
import type { components, paths } from './schema'

type Schemas = components['schemas']

/** `locale`: the language picked on the account (PATCH /auth/me); null or absent: the browser's. */
export type User = Schemas['UserOut'] & { locale?: 'en' | 'ru' | null }

/** A website as GET /websites/{id} returns it. */
export type Website = Schemas['WebsiteOut']
/** A row of GET /websites: a website and its 24-hour uptime. */
export type WebsiteListItem = Schemas['WebsiteListItem']
/** The body of POST /websites (fields left out get the server's defaults). */
export type WebsiteCreate = Schemas['WebsiteCreate']
/** The body of PATCH /websites/{id}: only the fields to change. */
export type WebsiteUpdate = Schemas['WebsiteUpdate']
export type CheckQueued = Schemas['CheckQueued']

export type SiteStatus = Website['status']
/** What the dashboard filters by: the API's statuses plus "paused" (is_active = false). */
export type StatusFilter = SiteStatus | 'paused'
export type Window = NonNullable<NonNullable<paths['/api/v1/websites/{website_id}/stats']['get']['parameters']['query']>['window']>
/** The charts' ranges (1 h and 24 h from raw checks, the longer ones from the rollups). */
export type ChartRange = NonNullable<NonNullable<paths['/api/v1/websites/{website_id}/series']['get']['parameters']['query']>['window']>

export interface WebsitePage {
  items: WebsiteListItem[]
  /** From the X-Total-Count header. */
  total: number
}

export type Summary = Schemas['SummaryOut']
/** One check in a heartbeat bar. */
export type Heartbeat = Schemas['Heartbeat']
/** GET /websites/heartbeats: each site's latest checks, oldest first, by site id. */
export type Heartbeats = paths['/api/v1/websites/heartbeats']['get']['responses'][200]['content']['application/json']
export type Check = Schemas['CheckOut']
export type Stats = Schemas['StatsOut']
export type SeriesPoint = Schemas['SeriesPoint']
export type Series = Schemas['SeriesOut']
export type StateChange = Schemas['StateChangeOut']
export type Notification = Schemas['NotificationOut']
export type TelegramInfo = Schemas['TelegramInfo']
export type TestMessage = Schemas['TestMessageOut']

/** GET /meta (no sign-in): this server's version, limits and registration mode. */
export type ServerMeta = Schemas['MetaOut']
export type Registration = ServerMeta['registration']

/** GET /admin/settings: what the administrator may change; `locked` ones are set by the environment. */
export type InstanceSettings = Schemas['InstanceSettingsOut']
export type InstanceSettingsChanges = Schemas['InstanceSettingsPatch']
export type InvitationCreated = Schemas['InvitationCreated']
export type Invitation = Schemas['InvitationOut']
export type AdminHealth = Schemas['AdminHealthOut']

/** POST /telegram/link: a one-time t.me link that links the chat it is opened in. */
export type TelegramLink = Schemas['LinkOut']
/** GET /telegram/chats: the chats this account linked. */
export type LinkedChat = Schemas['LinkedChat']

/** GET /websites/tags: the account's tags, each with how many sites have it. */
export type TagCount = Schemas['TagCount']
/** POST /websites/bulk: one action on many sites, all or nothing. */
export type BulkRequest = Schemas['BulkIn']
export type BulkAction = BulkRequest['action']
export type BulkResult = Schemas['BulkOut']
