import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import { onSessionExpired, setLoginRedirect } from '@/api/client'
import { useFlashStore } from '@/stores/flash'
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
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView, meta: { title: 'Dashboard' } },
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, guest: true, title: 'Sign in' } },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { public: true, guest: true, title: 'Create an account' },
  },
  {
    path: '/websites/new',
    name: 'website-new',
    component: () => import('@/views/WebsiteEditView.vue'),
    meta: { title: 'Add website' },
  },
  {
    path: '/websites/:id(\\d+)',
    name: 'website',
    component: () => import('@/views/WebsiteDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'Website' },
  },
  {
    path: '/websites/:id(\\d+)/edit',
    name: 'website-edit',
    component: () => import('@/views/WebsiteEditView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'Edit website' },
  },
  { path: '/account', name: 'account', component: () => import('@/views/AccountView.vue'), meta: { title: 'Account' } },
  // The instance administrator's; anyone else sees a sentence saying so (the API answers 403).
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue'), meta: { title: 'Settings' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, knowsUser: true, title: 'Page not found' },
  },
]

export function installGuards(router: Router): void {
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
    document.title = to.meta.title ? `${to.meta.title} · Webmon` : 'Webmon'
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
