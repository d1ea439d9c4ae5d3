// Runs one bulk action on the list's selection: one POST /websites/bulk (for "all matching", the
// matching ids are fetched first, up to the server's limit), then a message saying what happened.
import { ref } from 'vue'
import { toProblem } from '@/api/client'
import type { BulkAction, BulkResult } from '@/api/types'
import { bulkAction, matchingIds, MAX_BULK_IDS, type ListParams } from '@/api/websites'

const TEXT = {
  sites: (n: number) => (n === 1 ? '1 website' : `${n} websites`),
  done: {
    pause: (n: string) => `Paused ${n}.`,
    resume: (n: string) => `Resumed ${n}; their checks run in a few seconds.`,
    delete: (n: string) => `Deleted ${n}.`,
    check: (n: string) => `Queued checks of ${n}.`,
    add_tag: (n: string, tag: string) => `Tagged ${n} “${tag}”.`,
    remove_tag: (n: string, tag: string) => `Removed “${tag}” from ${n}.`,
  },
  skipped: (paused: number, recent: number, limited: number) =>
    'Skipped: ' +
    [
      paused ? `${paused} paused` : '',
      recent ? `${recent} checked on request too recently` : '',
      limited ? `${limited} over this account’s checks-per-minute limit (try again in a minute)` : '',
    ]
      .filter(Boolean)
      .join(', ') +
    '.',
}

export function describeResult(result: BulkResult, tag = ''): string {
  let text = TEXT.done[result.action](TEXT.sites(result.affected), tag)
  const skipped = result.skipped ?? []
  if (skipped.length) {
    const count = (reason: string) => skipped.filter((s) => s.reason === reason).length
    text += ' ' + TEXT.skipped(count('paused'), count('checked_recently'), count('account_limit'))
  }
  return text
}

export function useBulkActions() {
  const busy = ref(false)
  const message = ref<string | null>(null)
  const failure = ref<string | null>(null)

  async function run(
    action: BulkAction,
    selection: { ids: number[]; allMatching: boolean; filters: ListParams },
    tag?: string,
  ): Promise<BulkResult | null> {
    busy.value = true
    message.value = failure.value = null
    try {
      const ids = selection.allMatching ? await matchingIds(selection.filters, MAX_BULK_IDS) : selection.ids
      if (!ids.length) return null
      const result = await bulkAction({ ids: ids.slice(0, MAX_BULK_IDS), action, ...(tag ? { tag } : {}) })
      message.value = describeResult(result, tag)
      return result
    } catch (error) {
      failure.value = toProblem(error).message
      return null
    } finally {
      busy.value = false
    }
  }

  return { busy, message, failure, run }
}
