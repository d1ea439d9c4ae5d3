import { render, screen } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import TagInput from './TagInput.vue'

// A parent holding the v-model, as the form does.
function mountInput(initial: string[] = [], max?: number) {
  const tags = ref<string[]>([...initial])
  const Host = defineComponent(() => () =>
    h('div', [
      h('label', { for: 'tags' }, 'Tags'),
      h(TagInput, { id: 'tags', modelValue: tags.value, max, 'onUpdate:modelValue': (v: string[]) => (tags.value = v) }),
    ]),
  )
  render(Host)
  return { tags, box: screen.getByRole('textbox', { name: 'Tags' }) }
}

describe('TagInput', () => {
  it('adds the typed tag on Enter, in lower case and trimmed', async () => {
    const user = userEvent.setup()
    const { tags, box } = mountInput()
    await user.type(box, '  Prod {Enter}')
    expect(tags.value).toEqual(['prod'])
    expect((box as HTMLInputElement).value).toBe('')
    expect(screen.getByRole('listitem').textContent).toContain('prod')
  })

  it('adds on a comma, and a pasted list all at once, each tag once', async () => {
    const user = userEvent.setup()
    const { tags, box } = mountInput(['eu'])
    await user.type(box, 'shop,')
    box.focus()
    await user.paste('a, b,EU, a')
    expect(tags.value).toEqual(['eu', 'shop', 'a', 'b'])
  })

  it('removes the last tag with Backspace in the empty box', async () => {
    const user = userEvent.setup()
    const { tags, box } = mountInput(['a', 'b'])
    await user.click(box)
    await user.keyboard('{Backspace}')
    expect(tags.value).toEqual(['a'])
  })

  it('removes a tag with its own button, reachable by keyboard', async () => {
    const user = userEvent.setup()
    const { tags } = mountInput(['a', 'b'])
    screen.getByRole('button', { name: 'Remove tag a' }).focus()
    await user.keyboard('{Enter}')
    expect(tags.value).toEqual(['b'])
  })

  it('keeps a refused tag in the box and says why', async () => {
    const user = userEvent.setup()
    const { tags, box } = mountInput()
    await user.type(box, 'no;way{Enter}')
    expect(tags.value).toEqual([])
    expect((box as HTMLInputElement).value).toBe('no;way')
    expect(screen.getByTestId('tag-input-problem').textContent).toMatch(/only letters, digits/)
    expect(box.getAttribute('aria-describedby')).toContain('tags-problem')
  })

  it('refuses more than the most tags a site may have', async () => {
    const user = userEvent.setup()
    const { tags, box } = mountInput(['a', 'b'], 2)
    await user.type(box, 'c{Enter}')
    expect(tags.value).toEqual(['a', 'b'])
    expect(screen.getByTestId('tag-input-problem').textContent).toBe('A website may have at most 2 tags.')
  })
})
