// The one visual language for a site's state: a colour (styles/status.css, --<status> in the
// palette), a shape and a word, so that no state is told by colour alone. `degraded` and
// `maintenance` are not sent by the API yet; everything that shows a state is ready for them.
import { STATUS_TEXT } from '@/strings'

export const DISPLAY_STATUSES = ['up', 'degraded', 'down', 'maintenance', 'pending', 'unknown', 'paused'] as const
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number]

/** Plain Unicode shapes (no emoji: they would bring their own colours), filled for settled states. */
export const STATUS_GLYPHS: Record<DisplayStatus, string> = {
  up: '●',
  degraded: '◆',
  down: '▲',
  maintenance: '◐',
  pending: '◌',
  unknown: '✕',
  paused: '■',
}

/** The states the list can be filtered by today (the API's `?status=`); add degraded/maintenance when it can. */
export const FILTER_STATUSES = ['up', 'down', 'pending', 'paused'] as const satisfies readonly DisplayStatus[]

export function isDisplayStatus(value: unknown): value is DisplayStatus {
  return typeof value === 'string' && (DISPLAY_STATUSES as readonly string[]).includes(value)
}

/** What a site shows: paused wins over its last result; a state this dashboard does not know is "unknown". */
export function displayStatus(status: string | null | undefined, active = true): DisplayStatus {
  if (!active) return 'paused'
  return isDisplayStatus(status) ? status : 'unknown'
}

export function statusLabel(status: DisplayStatus): string {
  return STATUS_TEXT[status]
}
