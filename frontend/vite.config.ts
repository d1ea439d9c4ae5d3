import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// The backend (`webmon serve`) answers these paths; in development Vite forwards them so the
// dashboard and the API share one origin, exactly as in production (cookies, CSP, no CORS).
const backend = process.env.WEBMON_BACKEND_URL ?? 'http://127.0.0.1:8000'
const proxied = ['/api', '/health', '/docs', '/redoc', '/openapi.json']

export default defineConfig({
  plugins: [vue()],
  // vue-i18n: Composition API only (the legacy API is left out of the bundle), no devtools hooks.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
  build: {
    // dist/ by default; the backend packaging step may build straight into the package instead:
    // WEBMON_DASHBOARD_OUT=../backend/webmon/static npm run build
    outDir: process.env.WEBMON_DASHBOARD_OUT || 'dist',
    emptyOutDir: true,
    // Nothing is inlined as a data: URL script or style: the page runs under a strict CSP.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    clearMocks: true,
    restoreMocks: true,
    unstubGlobals: true,
    // The theme-contrast spec reads base.css as text; other CSS stays unprocessed in tests.
    css: { include: [/base\.css/] },
  },
})
