import { describe, expect, it } from 'vitest'
import { Scheme, SCHEME_NAMES } from '../scheme.ts'
import { referenceBackend } from './backend.ts'
import { wasmBackend } from '../testing/backends.ts'

// Beyond differential.test.ts (ASCII corpus mutations): random strings with non-ASCII
// letters, an astral character, NUL and spaces, for the rpm, apk, go, cran and hackage
// schemes. The TS reference (UTF-16) and the WASM core (UTF-8 bytes) must agree on
// compare and valid, and compare must be antisymmetric.

// Seeded PRNG (mulberry32) so failures reproduce.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const ALPHA = ['0', '1', '2', '9', '0', '1', '.', '.', '-', '-', '~', '^', ':', '_', '+', 'v', 'r', 'p', 'a', 'f', 'x', 'A', 'é', 'α', '\u0000', ' ', '😀', 'pre', 'rc', 'alpha', '_p', '-r', 'git', '0', '00']
describe('differential on random strings with non-ASCII input', () => {
  for (const s of [Scheme.Rpm, Scheme.Apk, Scheme.Go, Scheme.Cran, Scheme.Hackage]) {
    it(`agrees and is antisymmetric for ${SCHEME_NAMES[s]}`, () => {
      const r = rng(s * 7 + 1)
      const gen = () => {
        let out = ''
        const n = Math.floor(r() * 10)
        for (let i = 0; i < n; i++) out += ALPHA[Math.floor(r() * ALPHA.length)]
        return out
      }
      const a: string[] = []
      const b: string[] = []
      for (let i = 0; i < 50000; i++) {
        const x = gen()
        a.push(x)
        b.push(r() < 0.2 ? x : r() < 0.5 ? x + gen() : gen())
      }
      const ra = referenceBackend.compareMany(s, a, b)
      const wa = wasmBackend.compareMany(s, a, b)
      const d: string[] = []
      for (let i = 0; i < a.length && d.length < 10; i++) if (ra[i] !== wa[i]) d.push(`${JSON.stringify(a[i])} ${JSON.stringify(b[i])} ts=${ra[i]} wasm=${wa[i]}`)
      expect(d).toEqual([])
      const rv = referenceBackend.validMany(s, a)
      const wv = wasmBackend.validMany(s, a)
      const dv: string[] = []
      for (let i = 0; i < a.length && dv.length < 10; i++) if (rv[i] !== wv[i]) dv.push(`${JSON.stringify(a[i])} ts=${rv[i]} wasm=${wv[i]}`)
      expect(dv).toEqual([])
      const rb = referenceBackend.compareMany(s, b, a)
      const asym: string[] = []
      for (let i = 0; i < a.length && asym.length < 10; i++) {
        const x = ra[i]!, y = rb[i]!
        if (x <= 1 && y <= 1 && x !== -y) asym.push(`${JSON.stringify(a[i])} ${JSON.stringify(b[i])} ${x} ${y}`)
      }
      expect(asym).toEqual([])
    })
  }
})
