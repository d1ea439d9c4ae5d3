// Words added with the theme and the status language, read from the catalogues (src/i18n/*.json).
// Getters: each read happens at render time, in the current language, so a switch re-renders them.
// The switch's name starts with the word it shows (WCAG 2.5.3, label in name).
import { t } from '@/i18n'
import { formatCount } from '@/utils/format'

type Theme = 'auto' | 'light' | 'dark'
const theme = (key: Theme) => ({
  get label() {
    return t(`theme.${key}`)
  },
  get name() {
    return t(`theme.${key}Name`)
  },
})

export const THEME_TEXT = {
  auto: theme('auto'),
  light: theme('light'),
  dark: theme('dark'),
  pressToSwitch: (next: string) => t('theme.pressToSwitch', { next }),
} as const

const STATUSES = ['up', 'degraded', 'down', 'maintenance', 'pending', 'unknown', 'paused'] as const

export const STATUS_TEXT = Object.defineProperties(
  {} as Record<(typeof STATUSES)[number], string>,
  Object.fromEntries(STATUSES.map((s) => [s, { get: () => t(`status.${s}`), enumerable: true }])),
)

export const HEADER_TEXT = {
  get menu() {
    return t('header.menu')
  },
  get mainNavigation() {
    return t('nav.label')
  },
}

const WINDOWS = ['24h', '7d', '30d', '1y'] as const

export const UPTIME_TEXT = {
  get heading() {
    return t('detail.uptime')
  },
  windows: Object.defineProperties(
    {} as Record<(typeof WINDOWS)[number], string>,
    Object.fromEntries(WINDOWS.map((w) => [w, { get: () => t(`uptime.window.${w}`), enumerable: true }])),
  ),
  checks: (checks: number, failed: number) =>
    t('uptime.checks', { n: formatCount(checks), failed: formatCount(failed) }, checks),
  response: (avg: string, p95: string) => t('uptime.times', { avg, p95 }),
  down: (duration: string) => t('uptime.down', { duration }),
  get loading() {
    return t('common.loading')
  },
  get notLoaded() {
    return t('uptime.failed')
  },
}
