// Runs one bulk action on the list's selection: one POST /websites/bulk (for "all matching", the
// matching ids are fetched first, up to the server's limit), then a message saying what happened.
import { ref } from 'vue'
import { toProblem } from '@/api/client'
import { t } from '@/i18n'
import type { BulkAction, BulkResult } from '@/api/types'
import { bulkAction, matchingIds, MAX_BULK_IDS, type ListParams } from '@/api/websites'

const TEXT = {
  sites: (n: number) => t('bulk.sites', { n }, n),
  done: (action: BulkAction, sites: string, tag: string) => t(`bulk.done.${action}`, { sites, tag }),
  skipped: (paused: number, recent: number, limited: number) =>
    t('bulk.skipped', {
      reasons: [
        paused ? t('bulk.skippedPaused', { n: paused }) : '',
        recent ? t('bulk.skippedRecent', { n: recent }) : '',
        limited ? t('bulk.skippedLimit', { n: limited }) : '',
      ]
        .filter(Boolean)
        .join(', '),
    }),
}

export function describeResult(result: BulkResult, tag = ''): string {
  let text = TEXT.done(result.action, TEXT.sites(result.affected), tag)
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
