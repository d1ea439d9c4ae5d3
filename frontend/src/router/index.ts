import { watch } from 'vue'
import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import { onSessionExpired, setLoginRedirect } from '@/api/client'
import { i18n, t } from '@/i18n'
import { useFlashStore } from '@/stores/flash'
import { useTitleStore } from '@/stores/title'
import { useSessionStore } from '@/stores/session'
import { safeNext } from '@/utils/navigation'
import DashboardView from '@/views/DashboardView.vue'
import LoginView from '@/views/LoginView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Only for visitors who are not signed in (login, register). */
    guest?: boolean
    /** Public, but asks who is signed in so the header keeps its navigation (the 404 page). */
    knowsUser?: boolean
    /** The document title's catalogue key. */
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView, meta: { title: 'nav.dashboard' } },
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, guest: true, title: 'login.title' } },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { public: true, guest: true, title: 'register.title' },
  },
  {
    path: '/websites/new',
    name: 'website-new',
    component: () => import('@/views/WebsiteEditView.vue'),
    meta: { title: 'nav.addWebsite' },
  },
  {
    path: '/websites/:id(\\d+)',
    name: 'website',
    component: () => import('@/views/WebsiteDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'detail.title' },
  },
  {
    path: '/websites/:id(\\d+)/edit',
    name: 'website-edit',
    component: () => import('@/views/WebsiteEditView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'edit.editTitle' },
  },
  { path: '/account', name: 'account', component: () => import('@/views/AccountView.vue'), meta: { title: 'account.title' } },
  // The instance administrator's; anyone else sees a sentence saying so (the API answers 403).
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue'), meta: { title: 'settings.title' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, knowsUser: true, title: 'notFound.title' },
  },
]

/** The tab names the page in the current language (the title store adds "· Webmon" and the sites down). */
export function setDocumentTitle(key: string | undefined): void {
  useTitleStore().page = key ? t(key) : null
}

export function installGuards(router: Router): void {
  // A language switch retitles the tab at once.
  watch(i18n.global.locale, () => setDocumentTitle(router.currentRoute.value.meta.title))

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (to.meta.guest && session.signedIn) return safeNext(to.query.next)
    if (to.meta.knowsUser && !session.signedIn) await session.load().catch(() => null)
    if (to.meta.public || session.signedIn) return true
    try {
      await session.load()
    } catch {
      // The server is unreachable: show the page, which says so, rather than a login loop.
      return true
    }
    return session.signedIn ? true : { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
  })

  router.afterEach((to) => {
    setDocumentTitle(to.meta.title)
    useFlashStore().navigated(to.path)
  })

  // Any 401 later on (the session expired, the password was changed elsewhere): back to login,
  // which says the session has ended.
  onSessionExpired(() => useSessionStore().expire())
  setLoginRedirect((next) => {
    void router.push({ name: 'login', query: next === '/' ? {} : { next } })
  })
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (to, from, saved) => {
      if (saved) return saved
      // Typing in the search box or switching a filter keeps the scroll position; paging does not.
      if (to.path === from.path) return to.query.page !== from.query.page ? { top: 0 } : false
      return { top: 0 }
    },
  })
  installGuards(router)
  return router
}
