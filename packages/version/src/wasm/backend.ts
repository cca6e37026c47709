import type { VersionBackend } from '../backend.ts'
import type { CompareCode } from '../result.ts'
import type { SchemeId } from '../scheme.ts'
import type { CoreExports } from './exports.ts'

const encoder = new TextEncoder()

/**
 * Wrap the raw WASM exports as a {@link VersionBackend}. Strings are UTF-8 encoded
 * straight into WASM memory, length-prefixed, and a whole batch is one call. Memory
 * views are re-created after every call that may grow memory.
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
  // Worst case UTF-8 size of a JS string: 3 bytes per UTF-16 unit.
  const maxBytes = (s: string) => s.length * 3

  function writeStrings(strings: readonly string[][], n: number): void {
    let size = 0
    for (const list of strings) for (let i = 0; i < n; i++) size += 4 + maxBytes(list[i]!)
    const base = core.inputBuffer(size)
    const mem = new Uint8Array(core.memory.buffer)
    const view = new DataView(core.memory.buffer)
    let p = base
    for (let i = 0; i < n; i++) {
      for (const list of strings) {
        const s = list[i]!
        const { written } = encoder.encodeInto(s, mem.subarray(p + 4, p + 4 + maxBytes(s)))
        view.setUint32(p, written, true)
        p += 4 + written
      }
    }
  }

  return {
    kind: 'wasm',
    compare(scheme: SchemeId, a: string, b: string): CompareCode {
      const base = core.inputBuffer(maxBytes(a) + maxBytes(b))
      const mem = new Uint8Array(core.memory.buffer)
      const wa = encoder.encodeInto(a, mem.subarray(base, base + maxBytes(a))).written
      const wb = encoder.encodeInto(b, mem.subarray(base + wa, base + wa + maxBytes(b))).written
      return core.compareOne(scheme, wa, wb) as CompareCode
    },
    compareMany(scheme: SchemeId, a: readonly string[], b: readonly string[]): Int8Array {
      const n = Math.min(a.length, b.length)
      writeStrings([a as string[], b as string[]], n)
      const out = core.compareBatch(scheme, n)
      return new Int8Array(core.memory.buffer, out, n).slice()
    },
    valid(scheme: SchemeId, v: string): boolean {
      writeStrings([[v]], 1)
      return new Uint8Array(core.memory.buffer, core.validBatch(scheme, 1), 1)[0] === 1
    },
    validMany(scheme: SchemeId, vs: readonly string[]): Uint8Array {
      writeStrings([vs as string[]], vs.length)
      const out = core.validBatch(scheme, vs.length)
      return new Uint8Array(core.memory.buffer, out, vs.length).slice()
    },
  }
}
