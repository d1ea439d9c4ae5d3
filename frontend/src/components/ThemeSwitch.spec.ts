import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { THEME_KEY } from '@/theme/theme'
import ThemeSwitch from './ThemeSwitch.vue'

afterEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})

describe('ThemeSwitch', () => {
  it('goes auto → light → dark → auto from the keyboard and keeps the pick', async () => {
    const user = userEvent.setup()
    render(ThemeSwitch)
    const button = screen.getByRole('button', { name: /^Auto theme/ })
    button.focus()

    await user.keyboard('{Enter}')
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(localStorage.getItem(THEME_KEY)).toBe('light')
    expect(screen.getByRole('button', { name: 'Light theme' })).toBeTruthy()

    await user.keyboard('{Enter}')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(localStorage.getItem(THEME_KEY)).toBe('dark')

    await user.keyboard('{Enter}')
    expect(document.documentElement.dataset.theme).toBe('auto')
    expect(localStorage.getItem(THEME_KEY)).toBeNull() // auto: nothing kept, the system decides
  })

  it('starts from what was kept', () => {
    localStorage.setItem(THEME_KEY, 'dark')
    render(ThemeSwitch)
    expect(screen.getByRole('button', { name: 'Dark theme' })).toBeTruthy()
  })
})
