import { cleanup } from '@testing-library/vue'
import { afterEach } from 'vitest'

// Testing Library unmounts between tests only when test globals are on; we import from vitest.
afterEach(() => cleanup())
