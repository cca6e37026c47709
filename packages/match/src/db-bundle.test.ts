import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { decodeDbBundle, encodeDbBundle, isDbBundle, openDbBundle } from './db-bundle.ts'
import { buildDb } from './db.ts'
import { parseOsvRecord } from './osv-record.ts'

const record = {
  id: 'GHSA-jf85-cpcp-j695',
  modified: '2023-09-05T22:24:55Z',
  aliases: ['CVE-2019-10744'],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.12' }] }] }],
}

describe('single-file DB bundle', () => {
  it('round-trips every file byte for byte and opens as a DB', async () => {
    const { advisory } = parseOsvRecord(record)
    expect(advisory).toBeDefined()
    const built = await buildDb([advisory!], { sources: [] })
    const bundle = encodeDbBundle(built.files)
    expect(isDbBundle(bundle)).toBe(true)
    const files = decodeDbBundle(bundle)
    expect([...files.keys()].sort()).toEqual([...built.files.keys()].sort())
    for (const [name, bytes] of built.files) expect(files.get(name)).toEqual(bytes)
    const db = await openDbBundle(bundle)
    expect(db.manifest.shards.map((s) => s.ecosystem)).toEqual(built.manifest.shards.map((s) => s.ecosystem))
  })

  it('rejects foreign, truncated and malformed bundles with DB_INVALID', () => {
    const bundle = encodeDbBundle(new Map([['manifest.json', new TextEncoder().encode('{}')], ['a.swdb', new Uint8Array(100)]]))
    const invalid = (b: Uint8Array) => {
      try {
        decodeDbBundle(b)
        return 'accepted'
      } catch (e) {
        return e instanceof StowawayError ? e.code : String(e)
      }
    }
    expect(invalid(new TextEncoder().encode('{"format":"stowaway-db"}'))).toBe('DB_INVALID')
    expect(invalid(bundle.subarray(0, 10))).toBe('DB_INVALID')
    expect(invalid(bundle.subarray(0, bundle.length - 1))).toBe('DB_INVALID')
    const garbled = bundle.slice()
    garbled[12] = 0x7b // break the index JSON
    expect(invalid(garbled)).toBe('DB_INVALID')
    const huge = bundle.slice()
    new DataView(huge.buffer).setUint32(8, 0xffffffff, true)
    expect(invalid(huge)).toBe('DB_INVALID')
  })
})
