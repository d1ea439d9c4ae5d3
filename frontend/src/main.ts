import { applyTheme, storedTheme } from './theme/theme'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { applyLocale, currentLocale, i18n } from './i18n'
import { createAppRouter } from './router'
import './styles/main.css'

// public/theme.js has normally done this already, before the first paint; this covers a page without it.
applyTheme(storedTheme())

applyLocale(currentLocale()) // <html lang> from the first paint
const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(createAppRouter())
app.mount('#app')
