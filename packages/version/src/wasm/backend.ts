import type { VersionBackend } from '../backend.ts'
import type { CompareCode } from '../result.ts'
import type { SchemeId } from '../scheme.ts'
import type { CoreExports } from './exports.ts'

const encoder = new TextEncoder()
const NON_ASCII = /[^\x00-\x7f]/

/**
 * Lay out `strings` in the core's input buffer as the batch ABI wants it: a u32
 * offset table (`strings.length + 1` entries) followed by the UTF-8 bytes. The common
 * all-ASCII batch is joined and encoded with ONE `encodeInto` call, offsets computed
 * from the string lengths: per-string encoder calls cost more than the comparisons.
 */
function writeBatch(core: CoreExports, strings: readonly string[]): void {
  const m = strings.length
  const tableBytes = (m + 1) * 4
  const joined = strings.join('')
  if (!NON_ASCII.test(joined)) {
    const base = core.inputBuffer(tableBytes + joined.length)
    const table = new Uint32Array(core.memory.buffer, base, m + 1)
    let off = 0
    for (let i = 0; i < m; i++) {
      table[i] = off
      off += strings[i]!.length
    }
    table[m] = off
    encoder.encodeInto(joined, new Uint8Array(core.memory.buffer, base + tableBytes, joined.length))
    return
  }
  // Worst case UTF-8 size of a JS string: 3 bytes per UTF-16 unit.
  const base = core.inputBuffer(tableBytes + joined.length * 3)
  const table = new Uint32Array(core.memory.buffer, base, m + 1)
  const bytes = new Uint8Array(core.memory.buffer, base + tableBytes, joined.length * 3)
  let off = 0
  for (let i = 0; i < m; i++) {
    table[i] = off
    off += encoder.encodeInto(strings[i]!, bytes.subarray(off)).written
  }
  table[m] = off
}

/**
 * Wrap the raw WASM exports as a {@link VersionBackend}. A whole batch is one call:
 * the strings are written into WASM memory behind an offset table, results come back
 * as one integer each. Memory views are re-created after every call that may grow
 * memory.
 *
 * @param core raw exports from {@link instantiateCore}
 * @returns a backend with the same results as the reference
 * @example
 * ```ts
 * import { createWasmBackend, instantiateCore, Scheme } from '@stowaway/version'
 * const wasm = createWasmBackend(await instantiateCore(new URL('./stowaway-version.wasm', import.meta.url)))
 * wasm.compare(Scheme.Dpkg, '1:1.0', '2.0') // 1
 * ```
 */
export function createWasmBackend(core: CoreExports): VersionBackend {
  return {
    kind: 'wasm',
    core,
    compare(scheme: SchemeId, a: string, b: string): CompareCode {
      const max = (a.length + b.length) * 3
      const base = core.inputBuffer(max)
      const mem = new Uint8Array(core.memory.buffer, base, max)
      const wa = encoder.encodeInto(a, mem).written
      const wb = encoder.encodeInto(b, mem.subarray(wa)).written
      return core.compareOne(scheme, wa, wb) as CompareCode
    },
    compareMany(scheme: SchemeId, a: readonly string[], b: readonly string[]): Int8Array {
      const n = Math.min(a.length, b.length)
      const interleaved = new Array<string>(2 * n)
      for (let i = 0; i < n; i++) {
        interleaved[2 * i] = a[i]!
        interleaved[2 * i + 1] = b[i]!
      }
      writeBatch(core, interleaved)
      const out = core.compareBatch(scheme, n)
      return new Int8Array(core.memory.buffer, out, n).slice()
    },
    valid(scheme: SchemeId, v: string): boolean {
      writeBatch(core, [v])
      // Call first: validBatch may grow memory and detach an earlier buffer.
      const out = core.validBatch(scheme, 1)
      return new Uint8Array(core.memory.buffer, out, 1)[0] === 1
    },
    validMany(scheme: SchemeId, vs: readonly string[]): Uint8Array {
      writeBatch(core, vs)
      const out = core.validBatch(scheme, vs.length)
      return new Uint8Array(core.memory.buffer, out, vs.length).slice()
    },
  }
}
