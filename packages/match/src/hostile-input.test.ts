import { describe, it, expect } from 'vitest'
import { isStowawayError } from '@stowaway/core'
import { Shard, encodeShardBody } from './db-shard.ts'
import { ingestDocument } from './ingest-document.ts'
import { readZip } from './zip.ts'

// Damaged or hostile bytes must end in a StowawayError or a skip reason — never a
// crash with another error, a hang, or unbounded allocation.
let seed = 7
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)

describe('hostile input', () => {
  const body = encodeShardBody('pypi', [
    { id: 'PYSEC-1', aliases: ['CVE-1'], severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, rating: 'CRITICAL' }], references: ['https://x'], affected: [{ ecosystem: 'PyPI', name: 'a', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2' }] }], versions: ['1'] }] },
  ])
  it('a shard body with flipped or truncated bytes fails with DB_INVALID or decodes', () => {
    for (let i = 0; i < 2000; i++) {
      const b = body.slice(0, rnd() < 0.3 ? Math.floor(rnd() * body.length) : body.length)
      for (let k = 0; k < 3; k++) if (b.length) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256)
      try {
        const s = new Shard('pypi', b)
        for (const n of s.packageNames()) s.lookup(n)
      } catch (e) {
        expect(isStowawayError(e, 'DB_INVALID'), String(e)).toBe(true)
      }
    }
  })
  it('garbage zips fail with ARCHIVE_INVALID or LIMIT_EXCEEDED', async () => {
    for (let i = 0; i < 300; i++) {
      const b = new Uint8Array(Math.floor(rnd() * 200) + 22)
      for (let k = 0; k < b.length; k++) b[k] = Math.floor(rnd() * 256)
      // an end-of-central-directory record pointing into the garbage
      b.set([0x50, 0x4b, 0x05, 0x06], b.length - 22)
      try {
        for (const e of readZip(b)) await e.read()
      } catch (e) {
        expect(isStowawayError(e, 'ARCHIVE_INVALID') || isStowawayError(e, 'LIMIT_EXCEEDED') || (e instanceof TypeError && /compress|deflate|data/i.test(String(e))), String(e)).toBe(true)
      }
    }
  })
  it('malformed advisory files become skip reasons', async () => {
    const samples = ['{"id":', 'id: [unclosed', '```toml\n[advisory]\nid = "X\n```', '<?xml version="1.0"?><oval_definitions><definition class="patch"', '\u0000\u0001\u0002', '[1,2,3]', 'null', '{"distroversion":"v3.9","packages":[{"pkg":null}]}']
    const names = ['a.json', 'a.yaml', 'a.md', 'a.xml', 'a.bin', 'b.json', 'c.json', 'd.json']
    for (let i = 0; i < samples.length; i++) {
      const r = await ingestDocument(names[i]!, new TextEncoder().encode(samples[i]!))
      expect(r.advisories, names[i]).toEqual([])
      expect(r.skipped.length, names[i]).toBeGreaterThan(0)
    }
  })
})
