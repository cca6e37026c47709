import { cran } from '../reference/cran.ts'
import { hackage } from '../reference/hackage.ts'
import type { SchemeImpl } from '../reference/scheme-impl.ts'
import { KeyBuilder } from './key-builder.ts'
import { isDigit } from './chars.ts'

// CRAN and Hackage compare lists of numbers with no zero padding (`1.0 < 1.0.0`): each
// part is 0x01 and a length-prefixed number, the list ends in 0x00.
const PART = 0x01
const END = 0x00

const kb = new KeyBuilder()

function numericPartsKey(impl: SchemeImpl, v: string): Uint8Array | undefined {
  const r = impl.compare(v, v)
  if (r === 2 || r === 3) return undefined
  kb.reset()
  let i = 0
  while (i < v.length) {
    const d = i
    while (i < v.length && isDigit(v.charCodeAt(i))) i++
    kb.push(PART)
    if (!kb.pushNumber(v, d, i, 0, 255)) return undefined
    i++
  }
  kb.push(END)
  return kb.take()
}

/**
 * Sort key of a CRAN version (R `package_version` order): the numbers, `.` and `-`
 * alike. Undefined where compare() rejects the version.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export const cranKey = (v: string): Uint8Array | undefined => numericPartsKey(cran, v)

/**
 * Sort key of a Hackage (PVP) version: its numbers. Undefined where compare() rejects
 * the version.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export const hackageKey = (v: string): Uint8Array | undefined => numericPartsKey(hackage, v)
