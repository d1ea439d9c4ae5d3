import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import ConfirmDialog from './ConfirmDialog.vue'

describe('ConfirmDialog', () => {
  function open() {
    return render(ConfirmDialog, {
      props: { open: true, title: 'Delete this website?', confirmLabel: 'Delete website' },
      slots: { default: 'This cannot be undone.' },
    })
  }

  it('is a modal dialog named by its title, with focus on Cancel', async () => {
    open()
    const dialog = await screen.findByRole('dialog', { name: 'Delete this website?' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    await new Promise((r) => setTimeout(r))
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }))
  })

  it('keeps Tab inside the dialog', async () => {
    const user = userEvent.setup()
    open()
    await new Promise((r) => setTimeout(r))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete website' }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }))
    await user.tab({ shift: true })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete website' }))
  })

  it('closes on Escape and confirms with its button', async () => {
    const user = userEvent.setup()
    const { emitted } = open()
    await user.keyboard('{Escape}')
    expect(emitted().cancel).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Delete website' }))
    expect(emitted().confirm).toHaveLength(1)
  })
})
