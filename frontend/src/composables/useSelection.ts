// Which rows of the list are selected: a click toggles one, a shift-click sets every row between
// it and the last one clicked (on this page) to the clicked row's new state, and "all matching"
// stands for every site the filters match, across pages, until a row is unticked.
import { computed, ref, type Ref } from 'vue'

export function useSelection(visibleIds: Ref<number[]>) {
  const selected = ref<Set<number>>(new Set())
  const allMatching = ref(false)
  let anchor: number | null = null

  function replace(next: Set<number>) {
    selected.value = next
  }

  function toggle(id: number, range = false) {
    const on = !selected.value.has(id)
    const next = new Set(selected.value)
    const ids = visibleIds.value
    const from = anchor === null ? -1 : ids.indexOf(anchor)
    const to = ids.indexOf(id)
    if (range && from !== -1 && to !== -1) {
      for (const i of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
        if (on) next.add(i)
        else next.delete(i)
      }
    } else if (on) next.add(id)
    else next.delete(id)
    if (!on) allMatching.value = false
    anchor = id
    replace(next)
  }

  const pageSelected = computed(() => visibleIds.value.length > 0 && visibleIds.value.every((id) => selected.value.has(id)))
  const pagePartly = computed(() => !pageSelected.value && visibleIds.value.some((id) => selected.value.has(id)))

  function setPage(on: boolean) {
    const next = new Set(selected.value)
    for (const id of visibleIds.value) {
      if (on) next.add(id)
      else next.delete(id)
    }
    if (!on) allMatching.value = false
    replace(next)
  }

  function selectAllMatching() {
    setPage(true)
    allMatching.value = true
  }

  function clear() {
    allMatching.value = false
    anchor = null
    replace(new Set())
  }

  return {
    selected,
    allMatching,
    count: computed(() => selected.value.size),
    pageSelected,
    pagePartly,
    toggle,
    setPage,
    selectAllMatching,
    clear,
  }
}
