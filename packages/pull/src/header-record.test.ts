import { describe, it, expect } from 'vitest'
import { headerRecord } from './header-record.ts'

describe('headerRecord', () => {
  it('lower-cases names from records, pairs and Headers, as the Fetch spec normalizes them', () => {
    expect(headerRecord({ Accept: 'a', 'X-One': ' 1 ' })).toEqual({ accept: 'a', 'x-one': '1' })
    expect(headerRecord([['Range', 'bytes=5-'], ['X-Dup', 'a'], ['x-dup', 'b']])).toEqual({ range: 'bytes=5-', 'x-dup': 'a, b' })
    const h = new Headers({ Authorization: 'Bearer t' })
    h.append('X-Dup', 'a')
    h.append('X-Dup', 'b')
    // Whatever Headers reports for the same input is what the record holds.
    const expected: Record<string, string> = {}
    h.forEach((v, k) => (expected[k] = v))
    expect(headerRecord(h)).toEqual(expected)
    expect(headerRecord(undefined)).toEqual({})
  })
})
