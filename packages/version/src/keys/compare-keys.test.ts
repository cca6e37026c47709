import { describe, expect, it } from 'vitest'
import { compareKeys } from './compare-keys.ts'

const k = (...b: number[]) => new Uint8Array(b)

describe('compareKeys', () => {
  it('orders unsigned bytes left to right', () => {
    expect(compareKeys(k(1, 2, 3), k(1, 2, 4))).toBe(-1)
    expect(compareKeys(k(0x80), k(0x7f))).toBe(1)
    expect(compareKeys(k(0xff, 0), k(0, 0xff))).toBe(1)
  })

  it('puts a proper prefix first and calls identical bytes equal', () => {
    expect(compareKeys(k(1, 2), k(1, 2, 0))).toBe(-1)
    expect(compareKeys(k(1, 2, 0), k(1, 2))).toBe(1)
    expect(compareKeys(k(), k(0))).toBe(-1)
    expect(compareKeys(k(5, 6), k(5, 6))).toBe(0)
    expect(compareKeys(k(), k())).toBe(0)
  })
})
