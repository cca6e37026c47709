import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type Collect = (options?: { type?: 'minor' | 'major' }) => void

let collect: Collect | null | undefined
let pending = 0

/**
 * Bounded explicit garbage collection for network chunk buffers.
 *
 * Node allocates a fresh buffer for every socket read, outside the V8 heap. Each one dies
 * as soon as its chunk is hashed and written, but V8 only collects them when their
 * external memory passes its pressure threshold (about 32–64 MiB), which lifts a pull's
 * peak RSS by that much whatever the layer size. A young-generation collection every few
 * MiB frees them while they are still young; it costs well under a millisecond on this
 * heap (see docs/performance.md, "## Pull").
 *
 * `gc` is taken once with `--expose-gc` switched on only while a fresh context is made,
 * so no global `gc` appears in the program's own contexts. When the flag cannot be set
 * (a runtime without V8 flags) nothing is collected and nothing fails.
 *
 * @param bytes bytes just received
 * @param everyBytes collect once this many bytes arrived since the last collection; 0 never
 * @example
 * ```ts
 * import { noteChunkGarbage } from './chunk-garbage.node.ts'
 * noteChunkGarbage(65536, 8 * 1024 * 1024)
 * ```
 */
export function noteChunkGarbage(bytes: number, everyBytes: number): void {
  if (everyBytes <= 0) return
  pending += bytes
  if (pending < everyBytes) return
  pending = 0
  if (collect === undefined) collect = exposeGc()
  collect?.({ type: 'minor' })
}

function exposeGc(): Collect | null {
  const existing = (globalThis as { gc?: Collect }).gc
  if (typeof existing === 'function') return existing
  try {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as unknown
    return typeof gc === 'function' ? (gc as Collect) : null
  } catch {
    return null
  } finally {
    try {
      setFlagsFromString('--no-expose-gc')
    } catch {
      // A runtime that refused the first flag refuses this one too; nothing to undo.
    }
  }
}
