import { describe, expect, it } from 'vitest'
import { makeWebsite } from '@/test/factories'
import { DEFAULTS, toCreatePayload, toUpdatePayload, validateWebsite, valuesFromWebsite } from './websiteForm'

describe('website form values', () => {
  it('leaves blank optional fields out of a new site so the server applies its defaults', () => {
    const payload = toCreatePayload({ ...DEFAULTS, url: ' https://example.com/ ', valid_word: 'Example' })
    expect(payload).toEqual({
      url: 'https://example.com/',
      valid_word: 'Example',
      timeout: 30,
      check_interval: 300,
      failure_threshold: 2,
      is_active: true,
    })
  })

  it('sends only what changed on edit, and null to clear a chat or reset a name', () => {
    const site = makeWebsite({ name: 'Shop', telegram_chat_id: '12345' })
    const values = valuesFromWebsite(site)
    expect(toUpdatePayload(values, site)).toEqual({})
    expect(toUpdatePayload({ ...values, name: '', telegram_chat_id: ' ', check_interval: '60' }, site)).toEqual({
      name: null,
      telegram_chat_id: null,
      check_interval: 60,
    })
  })

  it('accepts numeric chat ids and @channels only', () => {
    const base = { ...DEFAULTS, url: 'https://example.com/', valid_word: 'x' }
    expect(validateWebsite({ ...base, telegram_chat_id: '-1001234567890' })).toEqual({})
    expect(validateWebsite({ ...base, telegram_chat_id: '@my_channel' })).toEqual({})
    expect(validateWebsite({ ...base, telegram_chat_id: 'my channel' }).telegram_chat_id).toBeTruthy()
  })

  it('rejects URLs that are not http(s)', () => {
    expect(validateWebsite({ ...DEFAULTS, url: 'ftp://example.com', valid_word: 'x' }).url).toMatch(/http/)
  })
})
