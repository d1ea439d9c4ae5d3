// Dates, numbers, durations and relative times in the user's language, for templates:
// `const fmt = useFormat()` then `{{ fmt.ms(site.response_time) }}`. Re-renders on a language switch.
import { useI18n } from 'vue-i18n'
import { formatterFor, type Formatter } from '@/utils/format'
import type { Locale } from '@/i18n'

type Bound = Omit<Formatter, 'locale'>

export function useFormat(): Bound {
  const { locale } = useI18n()
  const current = () => formatterFor(locale.value as Locale)
  return {
    count: (n) => current().count(n),
    relative: (value, now) => current().relative(value, now),
    due: (value, now) => current().due(value, now),
    duration: (seconds) => current().duration(seconds),
    ms: (ms) => current().ms(ms),
    percent: (value) => current().percent(value),
    dateTime: (value) => current().dateTime(value),
    range: (offset, count, total) => current().range(offset, count, total),
    errorKind: (kind) => current().errorKind(kind),
  }
}
