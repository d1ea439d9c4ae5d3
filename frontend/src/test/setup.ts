import { cleanup } from '@testing-library/vue'
import { config } from '@vue/test-utils'
import { afterEach, beforeEach } from 'vitest'
import { applyLocale, i18n } from '@/i18n'

// Every mounted component gets the dashboard's i18n; specs run in English unless they switch.
config.global.plugins.push(i18n)
beforeEach(() => applyLocale('en'))

// Testing Library unmounts between tests only when test globals are on; we import from vitest.
afterEach(() => cleanup())

// jsdom has no matchMedia; uPlot (and anything following prefers-color-scheme) asks for it.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList
}
