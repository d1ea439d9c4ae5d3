import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// The backend (`webmon serve`) answers these paths; in development Vite forwards them so the
// dashboard and the API share one origin, exactly as in production (cookies, CSP, no CORS).
const backend = process.env.WEBMON_BACKEND_URL ?? 'http://127.0.0.1:8000'
const proxied = ['/api', '/health', '/docs', '/redoc', '/openapi.json']

export default defineConfig({
  plugins: [vue()],
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
