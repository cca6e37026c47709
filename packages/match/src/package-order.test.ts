import { describe, expect, it, beforeAll } from 'vitest'
import type { Package } from '@stowaway/core'
import { bulkBackend } from '../../../test/match/bulk-backend.ts'
import { SAME_AS_PREVIOUS, packageOrder } from './package-order.ts'
import type { OrderCore } from './package-order.ts'

// The order the reference matcher's sort gives: name, then version, by JS string
// comparison, ties in inventory order.
function expected(pkgs: Package[], which: number[]): number[] {
  const lt = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const order = which.slice().sort((a, b) => lt(pkgs[a]!.name, pkgs[b]!.name) || lt(pkgs[a]!.version, pkgs[b]!.version) || a - b)
  return order.map((i, k) => (k > 0 && pkgs[order[k - 1]!]!.name === pkgs[i]!.name && pkgs[order[k - 1]!]!.version === pkgs[i]!.version ? (i | SAME_AS_PREVIOUS) >>> 0 : i))
}

let seed = 7
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
// Names share prefixes (so comparisons run past the first code units), and some hold
// non-ASCII, astral (surrogate pairs) and private-use characters, where UTF-16 order and
// code point order differ, and NUL (a name ending early and one holding U+0000 share a
// packed prefix).
const parts = ['lib', 'libc', 'github.com/', 'org.apache:', 'a', 'A', '-', '.', 'é', '😀', '\uffff', '\ue000', '\u0000', '0', '1', '']
const word = (k: number) => Array.from({ length: k }, () => parts[Math.floor(rnd() * parts.length)]).join('')
const inventory = (n: number): Package[] => Array.from({ length: n }, () => ({ name: word(1 + Math.floor(rnd() * 6)), version: word(Math.floor(rnd() * 3)), type: 'generic' }))

describe('packageOrder', () => {
  let core: OrderCore
  beforeAll(async () => {
    core = (await bulkBackend()).core as unknown as OrderCore
    expect(typeof core.orderRun).toBe('function')
  })

  it('orders by name then version in JS string order, ties in inventory order, in WASM and here', () => {
    for (const n of [1, 2, 7, 8, 9, 33, 500, 3000]) {
      const pkgs = inventory(n)
      // Duplicates of earlier packages, so equal (name, version) runs occur.
      for (let k = 0; k < n / 4; k++) pkgs.push({ ...pkgs[Math.floor(rnd() * n)]! })
      const which = pkgs.map((_, i) => i).filter(() => rnd() < 0.9)
      const want = expected(pkgs, which)
      expect(Array.from(packageOrder(core, pkgs, which)), `n=${n} wasm`).toEqual(want)
      expect(Array.from(packageOrder(undefined, pkgs, which)), `n=${n} js`).toEqual(want)
      expect(want.some((x) => x >= SAME_AS_PREVIOUS) || n < 9).toBe(true)
    }
  })

  it('orders an inventory that is already sorted, reversed, or all equal', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => ({ name: `p${String(i).padStart(3, '0')}`, version: '1', type: 'generic' }))
    const all = sorted.map((_, i) => i)
    for (const pkgs of [sorted, sorted.slice().reverse(), sorted.map(() => ({ name: 'same', version: '1', type: 'generic' }))]) {
      expect(Array.from(packageOrder(core, pkgs, all))).toEqual(expected(pkgs, all))
    }
    expect(packageOrder(core, sorted, []).length).toBe(0)
  })
})
