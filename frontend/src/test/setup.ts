import { cleanup } from '@testing-library/vue'
import { afterEach } from 'vitest'

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
