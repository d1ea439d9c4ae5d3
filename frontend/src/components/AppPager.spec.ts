import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import AppPager from './AppPager.vue'

describe('AppPager', () => {
  it('shows the range of the visible rows', () => {
    render(AppPager, { props: { offset: 0, limit: 100, total: 10_000, count: 100 } })
    expect(screen.getByText('1–100 of 10,000')).toBeTruthy()
  })

  it('disables going back on the first page', () => {
    render(AppPager, { props: { offset: 0, limit: 100, total: 250, count: 100 } })
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: 'First page' }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('asks for the next, previous and last page', async () => {
    const user = userEvent.setup()
    const { emitted } = render(AppPager, { props: { offset: 100, limit: 100, total: 250, count: 100 } })
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.click(screen.getByRole('button', { name: 'Previous' }))
    await user.click(screen.getByRole('button', { name: 'Last page' }))
    expect(emitted().change).toEqual([[200], [0], [200]])
  })

  it('disables going forward on the last page', () => {
    render(AppPager, { props: { offset: 200, limit: 100, total: 250, count: 50 } })
    expect(screen.getByText('201–250 of 250')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true)
  })
})
