import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { documentTitle, useTitleStore } from './title'

describe('the tab title', () => {
  it('counts the sites that are down in front of the page title', () => {
    expect(documentTitle('Dashboard', 2)).toBe('(2) Dashboard · Webmon')
    expect(documentTitle('Dashboard', 0)).toBe('Dashboard · Webmon')
    expect(documentTitle(null, null)).toBe('Webmon')
  })

  it('follows the store as the counts are refreshed', async () => {
    setActivePinia(createPinia())
    const title = useTitleStore()
    title.page = 'Dashboard'
    title.down = 3
    await nextTick()
    expect(document.title).toBe('(3) Dashboard · Webmon')
    title.down = 0
    await nextTick()
    expect(document.title).toBe('Dashboard · Webmon')
  })
})
