import { describe, it, expect } from 'vitest'
import type { Advisory } from './advisory.ts'
import { AdvisoryDb, buildDb, decodeShardFile } from './db.ts'

const advisories: Advisory[] = [
  {
    id: 'CVE-2019-14697',
    aliases: [],
    severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, rating: 'CRITICAL', source: 'osv' }],
    references: ['https://security.alpinelinux.org/vuln/CVE-2019-14697'],
    summary: 'musl x87 stack adjustment',
    affected: [
      { ecosystem: 'Alpine:v3.9', name: 'musl', ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: '1.1.20-r5' }, { introduced: '0' }] }] },
      { ecosystem: 'Alpine:v3.10', name: 'musl', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.22-r3' }] }] },
    ],
  },
  {
    id: 'PYSEC-2021-1',
    aliases: ['GHSA-x'],
    related: ['CVE-1'],
    severities: [],
    references: [],
    affected: [{ ecosystem: 'PyPI', name: 'Zope.Interface', versions: ['1.0'], native: ['<2'], nativeUnaffected: ['>=1.5'], fixed: ['2'], status: 'not-fixed', severity: { type: 'RATING', rating: 'LOW', source: 'x' } }],
  },
]

function memoryReader(files: Map<string, Uint8Array>) {
  return async (name: string) => {
    const b = files.get(name)
    if (!b) throw new Error(`missing ${name}`)
    return b
  }
}

describe('compiled DB', () => {
  it('shards by ecosystem and round-trips records', async () => {
    const built = await buildDb(advisories, { sources: [], now: new Date('2026-01-01T00:00:00Z') })
    expect(built.manifest.shards.map((s) => s.key)).toEqual(['alpine:v3.10', 'alpine:v3.9', 'pypi'])
    const db = await AdvisoryDb.open(memoryReader(built.files))
    const musl = (await db.shard('alpine:3.9.6'))!.lookup('musl')
    expect(musl).toHaveLength(1)
    expect(musl[0]!.advisory).toMatchObject({ id: 'CVE-2019-14697', summary: 'musl x87 stack adjustment', severities: advisories[0]!.severities })
    // events come back sorted by version
    expect(musl[0]!.affected.ranges).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.20-r5' }] }])
    const py = (await db.shard('PyPI'))!.lookup('zope-interface')
    expect(py[0]!.affected).toEqual({ ...advisories[1]!.affected[0], ecosystem: 'pypi' })
    expect(py[0]!.advisory.related).toEqual(['CVE-1'])
  })
  it('verifies the checksum on load', async () => {
    const built = await buildDb(advisories, { sources: [] })
    const name = built.manifest.shards[0]!.file
    const bytes = built.files.get(name)!.slice()
    bytes[20] = bytes[20]! ^ 0xff
    await expect(decodeShardFile('x', bytes)).rejects.toThrow(/checksum mismatch/)
    const flipped = built.files.get(name)!.slice()
    for (let i = 44; i < flipped.length; i += 7) flipped[i] = flipped[i]! ^ 0x5a
    await expect(decodeShardFile('x', flipped)).rejects.toThrow(/Cannot load DB shard/)
    const bad = built.files.get(name)!.slice()
    bad[4] = 9
    await expect(decodeShardFile('x', bad)).rejects.toThrow(/format 9/)
  })
  it('keeps the latest of two records with one id', async () => {
    const a = { ...advisories[1]!, modified: '2020-01-01', summary: 'old' }
    const b = { ...advisories[1]!, modified: '2021-01-01', summary: 'new' }
    const built = await buildDb([b, a], { sources: [] })
    expect(built.duplicates).toBe(1)
    const db = await AdvisoryDb.open(memoryReader(built.files))
    expect((await db.shard('PyPI'))!.lookup('zope-interface')[0]!.advisory.summary).toBe('new')
  })
  it('refuses a foreign manifest', async () => {
    await expect(AdvisoryDb.open(async () => new TextEncoder().encode('{"format":"x"}'))).rejects.toThrow(/not supported/)
  })
})

describe('openDbUrl', () => {
  it('fetches the manifest up front and shards on demand', async () => {
    const { openDbUrl } = await import('./db-url.ts')
    const built = await buildDb(advisories, { sources: [] })
    const fetched: string[] = []
    const fake = (async (u: URL | RequestInfo) => {
      const url = String(u)
      fetched.push(url.slice(url.lastIndexOf('/') + 1))
      const b = built.files.get(url.slice('https://db.example/v1/'.length))
      return b ? new Response(b as BodyInit) : new Response('no', { status: 404 })
    }) as typeof fetch
    const db = await openDbUrl('https://db.example/v1', { fetch: fake })
    expect(fetched).toEqual(['manifest.json'])
    expect((await db.shard('PyPI'))!.lookup('zope-interface')).toHaveLength(1)
    expect(fetched).toEqual(['manifest.json', 'pypi.swdb'])
    await expect(openDbUrl('https://db.example/missing', { fetch: fake })).rejects.toThrow(/HTTP 404/)
  })
})
