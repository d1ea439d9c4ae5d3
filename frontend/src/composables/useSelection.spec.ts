import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useSelection } from './useSelection'

describe('useSelection', () => {
  const page = () => ref([10, 11, 12, 13, 14])

  it('toggles one row at a time', () => {
    const s = useSelection(page())
    s.toggle(11)
    s.toggle(13)
    s.toggle(11)
    expect([...s.selected.value]).toEqual([13])
  })

  it('selects the range between the last click and a shift-click, either way', () => {
    const s = useSelection(page())
    s.toggle(13)
    s.toggle(10, true)
    expect([...s.selected.value].sort()).toEqual([10, 11, 12, 13])
  })

  it('a shift-click on a selected row unselects the range', () => {
    const s = useSelection(page())
    s.setPage(true)
    s.toggle(11)
    s.toggle(13, true)
    expect([...s.selected.value].sort()).toEqual([10, 14])
  })

  it('selects the page, and all matching until a row is unticked', () => {
    const s = useSelection(page())
    s.selectAllMatching()
    expect(s.pageSelected.value).toBe(true)
    expect(s.allMatching.value).toBe(true)
    s.toggle(12)
    expect(s.allMatching.value).toBe(false)
    expect(s.pagePartly.value).toBe(true)
  })
})
