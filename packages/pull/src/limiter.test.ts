import { describe, it, expect } from 'vitest'
import { Limiter } from './limiter.ts'

describe('Limiter', () => {
  it('admits at most `limit` holders, in FIFO order', async () => {
    const l = new Limiter(2)
    const order: number[] = []
    const r1 = await l.acquire()
    const r2 = await l.acquire()
    const p3 = l.acquire().then((r) => (order.push(3), r))
    const p4 = l.acquire().then((r) => (order.push(4), r))
    await Promise.resolve()
    expect(order).toEqual([])
    r1()
    r1()
    const r3 = await p3
    expect(order).toEqual([3])
    r2()
    await p4
    expect(order).toEqual([3, 4])
    r3()
  })
})
