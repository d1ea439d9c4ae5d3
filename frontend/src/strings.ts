// Words added with the theme and the status language, kept together for the translation catalogues.
export const THEME_TEXT = {
  auto: { label: 'Auto', describe: 'Theme: automatic, follows the system. Switch to light' },
  light: { label: 'Light', describe: 'Theme: light. Switch to dark' },
  dark: { label: 'Dark', describe: 'Theme: dark. Switch to automatic' },
} as const

export const STATUS_TEXT = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  maintenance: 'Maintenance',
  pending: 'Pending',
  unknown: 'Unknown',
  paused: 'Paused',
} as const

export const HEADER_TEXT = {
  menu: 'Menu',
  mainNavigation: 'Main',
} as const

export const UPTIME_TEXT = {
  heading: 'Uptime',
  windows: { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '1y': '1 year' },
  checks: (checks: number, failed: number) => `${checks} checks, ${failed} failed`,
  response: (avg: string, p95: string) => `avg ${avg}, p95 ${p95}`,
  down: (duration: string) => `down ${duration}`,
  noStats: 'No statistics yet',
} as const
