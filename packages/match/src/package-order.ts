import type { Package } from '@stowaway/core'
import { cmpStr } from './merge-aliases.ts'

/**
 * The version core exports that order packages (assembly/package-order.ts).
 *
 * @example
 * ```ts
 * import type { OrderCore } from './package-order.ts'
 * const has = (x: Partial<OrderCore>) => typeof x.orderRun === 'function'
 * ```
 */
export interface OrderCore {
  memory: WebAssembly.Memory
  orderInput(size: number): number
  orderRun(count: number): number
}

/** Bit set on an entry of {@link packageOrder}'s result whose package has the previous one's name and version. */
export const SAME_AS_PREVIOUS = 0x80000000

/**
 * The order findings are listed in: packages by name, then version (JavaScript string
 * order), ties in inventory order. With a core that has `orderRun`, the strings are
 * copied into WASM memory and merge-sorted there; otherwise sorted here.
 *
 * @param core the version core, when it can order
 * @param pkgs the inventory's packages
 * @param which indices of the packages to order
 * @returns the indices in order, each with {@link SAME_AS_PREVIOUS} set when its name
 *   and version equal the previous entry's
 * @example
 * ```ts
 * import { packageOrder } from './package-order.ts'
 * const pkgs = [{ name: 'b', version: '1', type: 'npm' }, { name: 'a', version: '1', type: 'npm' }, { name: 'b', version: '1', type: 'npm' }]
 * Array.from(packageOrder(undefined, pkgs, [0, 1, 2])) // [1, 0, 2 | 0x80000000]
 * ```
 */
export function packageOrder(core: Partial<OrderCore> | undefined, pkgs: readonly Package[], which: readonly number[]): Uint32Array {
  const n = which.length
  if (n === 0) return new Uint32Array(0)
  if (!core || typeof core.orderRun !== 'function' || typeof core.orderInput !== 'function' || !core.memory) return orderHere(pkgs, which)
  // Staged here first (one pass over the packages; the total length is not known
  // before it), then copied into WASM memory.
  let text = staging
  const table = new Uint32Array(n * 4)
  let o = 0
  for (let k = 0; k < n; k++) {
    const { name, version } = pkgs[which[k]!]!
    if (o + name.length + version.length > text.length) {
      const grown = new Uint16Array(Math.max(text.length * 2, o + name.length + version.length, 4096))
      grown.set(text.subarray(0, o))
      staging = text = grown
    }
    table[4 * k] = o
    table[4 * k + 1] = name.length
    for (let c = 0; c < name.length; c++) text[o++] = name.charCodeAt(c)
    table[4 * k + 2] = o
    table[4 * k + 3] = version.length
    for (let c = 0; c < version.length; c++) text[o++] = version.charCodeAt(c)
  }
  const base = core.orderInput(n * 16 + o * 2)
  new Uint32Array(core.memory.buffer, base, n * 4).set(table)
  new Uint16Array(core.memory.buffer, base + n * 16, o).set(text.subarray(0, o))
  const out = core.orderRun(n)
  // Read after the call: it may have grown memory.
  const sorted = new Uint32Array(core.memory.buffer, out, n)
  const result = new Uint32Array(n)
  for (let k = 0; k < n; k++) {
    const e = sorted[k]!
    result[k] = which[e & ~SAME_AS_PREVIOUS]! | (e & SAME_AS_PREVIOUS)
  }
  return result
}

// The staging area of the last call (grown as needed, kept for the next).
let staging = new Uint16Array(0)

function orderHere(pkgs: readonly Package[], which: readonly number[]): Uint32Array {
  const order = which.slice()
  order.sort((a, b) => cmpStr(pkgs[a]!.name, pkgs[b]!.name) || cmpStr(pkgs[a]!.version, pkgs[b]!.version) || a - b)
  const result = new Uint32Array(order.length)
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!
    const prev = k > 0 ? pkgs[order[k - 1]!]! : undefined
    result[k] = i | (prev && prev.name === pkgs[i]!.name && prev.version === pkgs[i]!.version ? SAME_AS_PREVIOUS : 0)
  }
  return result
}
