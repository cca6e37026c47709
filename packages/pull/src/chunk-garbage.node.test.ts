import { PerformanceObserver, constants } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { noteChunkGarbage } from './chunk-garbage.node.ts'

// Counts young-generation collections that started while fn ran (Node's GC performance
// entries arrive later, so idle-time collections after fn are filtered out by start time).
const scavengesDuring = async (fn: () => void): Promise<number> => {
  const starts: number[] = []
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (((e as { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MINOR) starts.push(e.startTime)
  })
  obs.observe({ entryTypes: ['gc'] })
  const t0 = performance.now()
  fn()
  const t1 = performance.now()
  await new Promise((r) => setTimeout(r, 50))
  obs.disconnect()
  return starts.filter((s) => s >= t0 && s <= t1).length
}

describe('noteChunkGarbage', () => {
  it('runs a young-generation collection once the byte budget is used up, not before', async () => {
    const every = 1024 * 1024
    noteChunkGarbage(every, every) // settle the counter (and take gc) outside the measurement
    const under = await scavengesDuring(() => noteChunkGarbage(every / 2, every))
    const over = await scavengesDuring(() => {
      noteChunkGarbage(every / 2, every)
      noteChunkGarbage(every, every)
    })
    expect(under).toBe(0)
    expect(over).toBeGreaterThanOrEqual(2)
  })

  it('never collects with a budget of 0, and leaves no global gc behind', async () => {
    expect(await scavengesDuring(() => noteChunkGarbage(64 * 1024 * 1024, 0))).toBe(0)
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined()
  })
})
