import { describe, it, expect } from 'vitest'
import { retryDelay, sleep } from './retry.ts'

describe('retryDelay', () => {
  it('honours Retry-After seconds and HTTP dates, capped', () => {
    expect(retryDelay(0, 500, 30_000, '3')).toBe(3000)
    expect(retryDelay(0, 500, 2000, '3')).toBe(2000)
    const now = Date.parse('Fri, 27 Nov 2026 05:00:00 GMT')
    expect(retryDelay(0, 500, 30_000, 'Fri, 27 Nov 2026 05:00:05 GMT', now)).toBe(5000)
  })

  it('backs off exponentially with full jitter', () => {
    expect(retryDelay(3, 100, 30_000, null, 0, () => 0.999)).toBe(799)
    expect(retryDelay(3, 100, 30_000, null, 0, () => 0)).toBe(0)
    expect(retryDelay(20, 100, 5000, null, 0, () => 0.5)).toBe(2500)
  })
})

describe('sleep', () => {
  it('rejects with ABORTED when the signal fires', async () => {
    const c = new AbortController()
    const p = sleep(10_000, c.signal)
    c.abort()
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' })
  })
})
