import { StowawayError } from '@stowaway/core'
import type { SchemeId } from '../scheme.ts'
import type { CoreExports } from '../wasm/exports.ts'

/** The sort-key exports of the version core (beside {@link CoreExports}). */
export interface KeyCoreExports {
  memory: WebAssembly.Memory
  inputBuffer(size: number): number
  /** Key of p[0, len) into out[0, outCap): its length, or -1 for no key. */
  sortKey(scheme: number, p: number, len: number, out: number, outCap: number): number
  /** memcmp order of two keys in WASM memory: -1, 0 or 1. */
  compareKeys(a: number, al: number, b: number, bl: number): number
  /** Keys of a validBatch-style input: `count` i32 lengths (-1 = none), then the keys. */
  sortKeyBatch(scheme: number, input: number, count: number): number
}

/** Sort keys computed by the WASM core; same bytes as {@link sortKey}. */
export interface WasmKeys {
  /**
   * Keys of many versions in one call.
   *
   * @param scheme the version scheme
   * @param versions the versions
   * @returns one key (or undefined) per version
   */
  sortKeys(scheme: SchemeId, versions: readonly string[]): (Uint8Array | undefined)[]
}

const encoder = new TextEncoder()
const NON_ASCII = /[^\x00-\x7f]/

/**
 * Wrap the version core's sort-key exports. Every batch is one call: the strings go in
 * behind an offset table, keys come back as lengths and bytes, copied out of WASM memory
 * once (the returned keys are views into that one copy, never into WASM memory).
 *
 * @param core raw exports from {@link instantiateCore}
 * @returns batch key computation on the core
 * @throws {StowawayError} `WASM_LOAD` when the core predates sort keys
 * @example
 * ```ts
 * import { createWasmKeys, instantiateCore, Scheme } from '@stowaway/version'
 * const keys = createWasmKeys(await instantiateCore(new URL('./stowaway-version.wasm', import.meta.url)))
 * keys.sortKeys(Scheme.Apk, ['1.2.3-r0', '1.2.3_rc1-r0']) // [Uint8Array, Uint8Array]
 * ```
 */
export function createWasmKeys(core: CoreExports): WasmKeys {
  const k = core as unknown as KeyCoreExports
  if (typeof k.sortKeyBatch !== 'function') {
    throw new StowawayError('WASM_LOAD', 'Cannot compute sort keys: the version core has no "sortKeyBatch" export')
  }
  return {
    sortKeys(scheme, versions) {
      const m = versions.length
      const tableBytes = (m + 1) * 4
      const joined = versions.join('')
      // All-ASCII batches (the common case) are encoded with one call, offsets from the lengths.
      const ascii = !NON_ASCII.test(joined)
      const base = k.inputBuffer(tableBytes + (ascii ? joined.length : joined.length * 3))
      const table = new Uint32Array(k.memory.buffer, base, m + 1)
      const bytes = new Uint8Array(k.memory.buffer, base + tableBytes, ascii ? joined.length : joined.length * 3)
      let off = 0
      if (ascii) {
        for (let i = 0; i < m; i++) {
          table[i] = off
          off += versions[i]!.length
        }
        encoder.encodeInto(joined, bytes)
      } else {
        for (let i = 0; i < m; i++) {
          table[i] = off
          off += encoder.encodeInto(versions[i]!, bytes.subarray(off)).written
        }
      }
      table[m] = off
      // Views only after the call: it may grow memory and detach earlier buffers.
      const out = k.sortKeyBatch(scheme, base, m)
      const lengths = new Int32Array(k.memory.buffer, out, m)
      let total = 0
      for (let i = 0; i < m; i++) if (lengths[i]! > 0) total += lengths[i]!
      // One copy out of WASM memory; the keys are views into that copy.
      const keys = new Uint8Array(k.memory.buffer, out + m * 4, total).slice()
      const result: (Uint8Array | undefined)[] = new Array(m)
      let p = 0
      for (let i = 0; i < m; i++) {
        const n = lengths[i]!
        if (n < 0) {
          result[i] = undefined
          continue
        }
        result[i] = keys.subarray(p, p + n)
        p += n
      }
      return result
    },
  }
}
