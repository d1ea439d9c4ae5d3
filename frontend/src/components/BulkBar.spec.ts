import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import BulkBar from './BulkBar.vue'

function mountBar(props: Partial<{ count: number; total: number; pageCount: number; allMatching: boolean }> = {}) {
  return render(BulkBar, { props: { count: 2, total: 2, pageCount: 2, allMatching: false, maxIds: 1000, ...props } })
}

describe('BulkBar', () => {
  it('is not shown with nothing selected', () => {
    mountBar({ count: 0 })
    expect(screen.queryByTestId('bulk-bar')).toBeNull()
  })

  it('runs an action with one click', async () => {
    const user = userEvent.setup()
    const { emitted } = mountBar()
    await user.click(screen.getByRole('button', { name: 'Resume' }))
    await user.click(screen.getByRole('button', { name: 'Check now' }))
    expect(emitted().run).toEqual([['resume'], ['check']])
  })

  it('deletes only after confirming', async () => {
    const user = userEvent.setup()
    const { emitted } = mountBar({ count: 3, total: 3, pageCount: 3 })
    await user.click(screen.getByRole('button', { name: 'Delete…' }))
    expect(emitted().run).toBeUndefined()
    const dialog = screen.getByRole('dialog', { name: 'Delete 3 websites?' })
    await user.click(screen.getByTestId('dialog-confirm'))
    expect(emitted().run).toEqual([['delete']])
    expect(dialog.isConnected).toBe(false)
  })

  it('adds or removes the typed tag, normalized, and refuses a bad one', async () => {
    const user = userEvent.setup()
    const { emitted } = mountBar()
    const box = screen.getByRole('textbox', { name: 'Tag for the selected websites' })
    await user.type(box, 'a,b')
    await user.click(screen.getByRole('button', { name: 'Add tag' }))
    expect(emitted().run).toBeUndefined()
    expect(box.getAttribute('aria-invalid')).toBe('true')
    await user.clear(box)
    await user.type(box, ' Prod ')
    await user.click(screen.getByRole('button', { name: 'Add tag' }))
    await user.click(screen.getByRole('button', { name: 'Remove tag' }))
    expect(emitted().run).toEqual([
      ['add_tag', 'prod'],
      ['remove_tag', 'prod'],
    ])
  })

  it('offers every matching site when the whole page is selected and there are more', async () => {
    const user = userEvent.setup()
    const { emitted, rerender } = mountBar({ count: 100, pageCount: 100, total: 250 })
    await user.click(screen.getByRole('button', { name: 'Select all 250 matching' }))
    expect(emitted().selectAllMatching).toHaveLength(1)
    await rerender({ allMatching: true })
    expect(screen.getByTestId('bulk-count').textContent).toBe('250 websites selected')
    expect(screen.queryByRole('button', { name: /Select all/ })).toBeNull()
  })

  it('says the first 1,000 when more match than one request takes', () => {
    mountBar({ count: 100, pageCount: 100, total: 5000 })
    expect(screen.getByRole('button', { name: 'Select the first 1000 matching' })).toBeTruthy()
  })
})
