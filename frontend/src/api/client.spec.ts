import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient, CSRF_HEADER, fieldErrors, onSessionExpired, setLoginRedirect, toProblem } from './client'
import { mockAdapter } from '@/test/http'

describe('api client', () => {
  const redirect = vi.fn()
  const expired = vi.fn()

  beforeEach(() => {
    setLoginRedirect(redirect)
    onSessionExpired(expired)
    window.history.replaceState({}, '', '/websites/3?tab=checks')
  })

  afterEach(() => {
    redirect.mockReset()
    expired.mockReset()
  })

  it('sends the CSRF header on state-changing requests', async () => {
    const client = createApiClient()
    const seen = mockAdapter(client, () => ({ status: 204 }))
    await client.post('/websites', { url: 'https://example.com' })
    await client.patch('/websites/1', { is_active: false })
    await client.delete('/websites/1')
    expect(seen.map((c) => c.headers.get(CSRF_HEADER))).toEqual(['webmon', 'webmon', 'webmon'])
    expect(seen[0]!.baseURL).toBe('/api/v1')
  })

  it('sends the user to the login page with the current path on a 401', async () => {
    const client = createApiClient()
    mockAdapter(client, () => ({ status: 401, data: { detail: 'Not authenticated: sign in again' } }))
    await expect(client.get('/websites')).rejects.toThrow()
    expect(expired).toHaveBeenCalledOnce()
    expect(redirect).toHaveBeenCalledWith('/websites/3?tab=checks')
  })

  it('leaves a 401 to the caller when asked to (the login form)', async () => {
    const client = createApiClient()
    mockAdapter(client, () => ({ status: 401, data: { detail: 'Incorrect email or password' } }))
    await expect(client.post('/auth/session', {}, { skipAuthRedirect: true })).rejects.toThrow()
    expect(redirect).not.toHaveBeenCalled()
  })

  it('does not redirect to login from the login page itself', async () => {
    window.history.replaceState({}, '', '/login?next=%2F')
    const client = createApiClient()
    mockAdapter(client, () => ({ status: 401 }))
    await expect(client.get('/websites')).rejects.toThrow()
    expect(redirect).not.toHaveBeenCalled()
  })

  it('does not redirect on other errors', async () => {
    const client = createApiClient()
    mockAdapter(client, () => ({ status: 403, data: { detail: 'Missing X-Requested-With header' } }))
    await expect(client.get('/websites')).rejects.toThrow()
    expect(redirect).not.toHaveBeenCalled()
  })
})

describe('toProblem', () => {
  async function failWith(status: number, data: unknown, headers?: Record<string, string>) {
    const client = createApiClient()
    mockAdapter(client, () => ({ status, data, headers }))
    return client.post('/websites', {}, { skipAuthRedirect: true }).then(
      () => {
        throw new Error('expected the request to fail')
      },
      (e: unknown) => toProblem(e),
    )
  }

  it('maps a 422 to messages per field', async () => {
    const problem = await failWith(422, {
      detail: [
        { loc: ['body', 'url'], msg: 'Value error, must start with http:// or https://', type: 'value_error' },
        { loc: ['body', 'check_interval'], msg: 'must be at least 30 seconds', type: 'value_error' },
      ],
    })
    expect(problem).toMatchObject({
      status: 422,
      fields: { url: 'Must start with http:// or https://', check_interval: 'Must be at least 30 seconds' },
    })
    expect(problem.message).toMatch(/correct the fields/)
  })

  it('keeps a plain detail string as the message', async () => {
    const problem = await failWith(409, { detail: 'An account with this email already exists' })
    expect(problem).toEqual({ status: 409, message: 'An account with this email already exists', fields: {} })
  })

  it('says when to retry after a 429', async () => {
    const problem = await failWith(429, {}, { 'retry-after': '30' })
    expect(problem.message).toBe('Too many attempts. Try again in 30 s.')
  })

  it('explains a network failure', () => {
    const problem = toProblem(Object.assign(new Error('Network Error'), { isAxiosError: true }))
    expect(problem.status).toBeNull()
    expect(problem.message).toMatch(/Cannot reach the Webmon server/)
  })

  it('puts errors without a field in the message', () => {
    const { fields, other } = fieldErrors([
      { loc: ['body'], msg: 'Field required' },
      { loc: ['body', 'password'], msg: 'String should have at least 8 characters' },
      { loc: ['body', 'password'], msg: 'must be at most 72 bytes long' },
    ])
    expect(other).toEqual(['Field required'])
    expect(fields.password).toBe('String should have at least 8 characters Must be at most 72 bytes long')
  })
})
