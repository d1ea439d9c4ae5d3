// The API's error texts in the user's language. The server writes English; a text or 422 `type`
// known here becomes a catalogue message, anything else is shown as the server wrote it.
import { t } from '@/i18n'
import { formatCount } from '@/utils/format'

/** A `detail` sentence the server sends → its catalogue key (matched whole, without a final dot). */
const DETAILS: Record<string, string> = {
  'Incorrect email or password': 'errors.badCredentials',
  'An account with this email already exists': 'errors.emailTaken',
  'An account with this username already exists': 'errors.usernameTaken',
  'This account is disabled': 'errors.accountDisabled',
  'This website is paused; resume it to check it': 'errors.sitePaused',
  'Website not found': 'errors.websiteNotFound',
  'No such invitation': 'errors.noInvitation',
  'Only the instance administrator can do this': 'errors.notAdmin',
  'Registration is closed on this server. Ask its administrator for an account': 'errors.registrationClosed',
  'Registration on this server needs an invitation. Ask its administrator for an invitation link': 'errors.needsInvitation',
  'This invitation is not valid: it may have expired or been used already. Ask the administrator of this server for a new one':
    'errors.invalidInvitation',
  'Registration is closed, so invitations would not work: set registration to invite first': 'errors.inviteNeedsRegistration',
  'The database is unavailable; try again in a few seconds': 'errors.databaseDown',
  'Internal server error': 'errors.internal',
  'The current password is incorrect': 'errors.wrongCurrentPassword',
  'Not authenticated': 'errors.sessionEnded',
}

/** Sentences with a number in them. */
const PATTERNS: [RegExp, string][] = [
  [/^Too many attempts; try again in (\d+) seconds?$/, 'errors.tooManyWait'],
  [/^must be at least (\d+) seconds on this server$/, 'validation.minInterval'],
  [/^This site was checked on request less than \d+ s ago; .* Try again in (\d+) s$/, 'errors.checkNowTooSoon'],
  [/^Too many check-now requests from this account: at most \d+ a minute\. Try again in (\d+) s$/, 'errors.checkNowTooMany'],
  [/^A test message was sent less than (\d+) s ago; try again later$/, 'errors.testTooSoon'],
]

/** 422 kinds named by Webmon itself (InvalidField(kind=...)). */
const KINDS: Record<string, string> = {
  telegram_disabled: 'errors.telegramDisabled',
  locked_by_environment: 'errors.lockedByEnvironment',
  telegram_unlinked: 'errors.telegramUnlinked',
}

/** Pydantic's 422 `type`s; `{n}` is the number in its message ("at most 120"). */
const TYPES: Record<string, string> = {
  missing: 'validation.required',
  string_too_short: 'validation.tooShort',
  string_too_long: 'validation.tooLongServer',
  greater_than_equal: 'validation.atLeast',
  greater_than: 'validation.moreThan',
  less_than_equal: 'validation.atMost',
  less_than: 'validation.lessThan',
  int_parsing: 'validation.wholeNumber',
  int_type: 'validation.wholeNumber',
  int_from_float: 'validation.wholeNumber',
  bool_parsing: 'validation.boolean',
  bool_type: 'validation.boolean',
  url_parsing: 'validation.urlScheme',
  url_scheme: 'validation.urlScheme',
  url_type: 'validation.urlScheme',
  string_type: 'validation.text',
  extra_forbidden: 'validation.unknownField',
  enum: 'validation.choice',
  literal_error: 'validation.choice',
  json_invalid: 'validation.json',
}

function tidy(msg: string): string {
  const text = msg
    .replace(/^(Value error|Assertion failed),\s*/i, '')
    .trim()
    .replace(/\.$/, '')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A server sentence in the user's language, or the sentence itself when it is not known here. */
export function translateDetail(text: string): string {
  const bare = text.trim().replace(/\.$/, '')
  const key = DETAILS[bare]
  if (key) return t(key)
  for (const [pattern, patternKey] of PATTERNS) {
    const match = pattern.exec(bare)
    if (match) return t(patternKey, { n: formatCount(Number(match[1])) }, Number(match[1]))
  }
  return text
}

export interface ValidationItem {
  type?: string
  loc?: (string | number)[]
  msg?: string
}

/** One 422 item as a sentence for the field it names. */
export function translateValidation(item: ValidationItem): string {
  const msg = String(item?.msg ?? '')
  const type = String(item?.type ?? '')
  if (KINDS[type]) return t(KINDS[type])
  const known = translateDetail(tidy(msg))
  if (known !== tidy(msg)) return known
  if (TYPES[type]) {
    const n = /(-?\d+(?:\.\d+)?)/.exec(msg)?.[1]
    return t(TYPES[type], { n: n === undefined ? '' : formatCount(Number(n)) }, n === undefined ? 1 : Number(n))
  }
  return msg ? tidy(msg) : t('validation.invalid')
}
