import { applyTheme, storedTheme } from './theme/theme'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppRouter } from './router'
import './styles/main.css'

// public/theme.js has normally done this already, before the first paint; this covers a page without it.
applyTheme(storedTheme())

const app = createApp(App)
app.use(createPinia())
app.use(createAppRouter())
app.mount('#app')
