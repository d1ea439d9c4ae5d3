// Words added with the theme and the status language, kept together for the translation catalogues.
// The switch's name starts with the word it shows (WCAG 2.5.3, label in name).
export const THEME_TEXT = {
  auto: { label: 'Auto', name: 'Auto theme (follows the system)' },
  light: { label: 'Light', name: 'Light theme' },
  dark: { label: 'Dark', name: 'Dark theme' },
  pressToSwitch: (next: string) => `Press to switch to ${next}`,
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
  loading: 'Loading…',
  notLoaded: 'Could not be loaded',
} as const
