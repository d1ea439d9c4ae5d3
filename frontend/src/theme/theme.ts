// Light, dark or "auto" (follow the system). The choice lives in localStorage under THEME_KEY and
// on <html data-theme="…">; the palette in styles/theme.css does the rest. public/theme.js applies
// it before the first paint (a classic script in <head>, so no flash; CSP script-src 'self').
export const THEMES = ['auto', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const THEME_KEY = 'webmon.theme'

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value)
}

export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(THEME_KEY)
    return isTheme(value) ? value : 'auto'
  } catch {
    return 'auto' // storage blocked (private mode, policies): follow the system
  }
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme
}

export function saveTheme(theme: Theme): void {
  try {
    if (theme === 'auto') localStorage.removeItem(THEME_KEY)
    else localStorage.setItem(THEME_KEY, theme)
  } catch {
    // not kept across visits, but applied now
  }
  applyTheme(theme)
}

/** The theme after this one, for the header's switch: auto → light → dark → auto. */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!
}
