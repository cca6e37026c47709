import { describe, expect, it } from 'vitest'
import { SCHEME_COUNT, SCHEME_NAMES } from './scheme.ts'
import type { SchemeId } from './scheme.ts'
import { referenceBackend } from './reference/backend.ts'
import { wasmBackend } from './testing/backends.ts'
import { corpus, generatedPairs } from './testing/generated-pairs.ts'

describe('differential: WASM core vs TypeScript reference', () => {
  it('has a corpus of real version strings', () => {
    expect(corpus.length).toBeGreaterThan(1000)
  })

  for (let scheme = 0; scheme < SCHEME_COUNT; scheme++) {
    it(`agrees on 6000 generated pairs for ${SCHEME_NAMES[scheme]}`, () => {
      const [a, b] = generatedPairs(scheme, 6000)
      const s = scheme as SchemeId
      const ref = referenceBackend.compareMany(s, a, b)
      const wasm = wasmBackend.compareMany(s, a, b)
      const diffs: string[] = []
      for (let i = 0; i < a.length && diffs.length < 10; i++) {
        if (ref[i] !== wasm[i]) diffs.push(`${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}: ts=${ref[i]} wasm=${wasm[i]}`)
      }
      expect(diffs).toEqual([])
      const vr = referenceBackend.validMany(s, a)
      const vw = wasmBackend.validMany(s, a)
      const vdiffs: string[] = []
      for (let i = 0; i < a.length && vdiffs.length < 10; i++) {
        if (vr[i] !== vw[i]) vdiffs.push(`${JSON.stringify(a[i])}: ts=${vr[i]} wasm=${vw[i]}`)
      }
      expect(vdiffs).toEqual([])
    })
  }
})
