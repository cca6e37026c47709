// The README's quick-start command on the shipped example, run through the real CLI
// entry: real findings offline, one of them severity-rated, and an exit code that
// follows --fail-on. Expected facts are read from the shipped advisory files (the
// GitHub record's range and vector) and from CVSS 3.1 (AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N
// scores 5.5, MEDIUM), never from our own output.
import { describe, it, expect, beforeAll } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../packages/stowaway/src/cli.ts'
import { captureIo } from '../../packages/stowaway/src/testing-io.ts'
import { REPO_ROOT } from '../support/shared.ts'

const example = join(REPO_ROOT, 'examples/alpine-3.9')
const shippedDb = join(REPO_ROOT, 'examples/alpine-3.9-db')
const ghsaDir = join(REPO_ROOT, 'examples/advisories/ghsa/guava')

async function run(args: string[]) {
  const io = captureIo()
  const code = await main(args, io)
  return { code, out: io.out, err: io.err }
}

interface OsvFile {
  id: string
  severity?: { type: string; score: string }[]
  affected: { package: { name: string }; ranges: { events: Record<string, string>[] }[] }[]
}

describe('README example: stowaway scan oci:examples/alpine-3.9 --db examples/alpine-3.9-db', () => {
  const records = readdirSync(ghsaDir).map((f) => JSON.parse(readFileSync(join(ghsaDir, f), 'utf8')) as OsvFile)
  const hit = records.find((r) => r.id === 'GHSA-7g45-4rm6-3mm3')!
  let freshDb: string
  beforeAll(async () => {
    freshDb = join(mkdtempSync(join(tmpdir(), 'swreadme-')), 'db')
    const r = await run(['db', 'build', '--from', join(REPO_ROOT, 'examples/advisories'), '--out', freshDb])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/ghsa: 3 files \(osv 3\), 3 advisories ingested, 0 skipped/)
  }, 60_000)

  it('the shipped GitHub record rates the Guava finding and fixes it in 32.0.0', () => {
    expect(hit.severity).toEqual([{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N' }])
    expect(hit.affected[0]!.package.name).toBe('com.google.guava:guava')
    expect(hit.affected[0]!.ranges[0]!.events).toEqual([{ introduced: '1.0' }, { fixed: '32.0.0' }])
  })

  for (const which of ['shipped', 'rebuilt'] as const) {
    it(`prints real findings with layers (${which} DB)`, async () => {
      const db = which === 'shipped' ? shippedDb : freshDb
      const r = await run(['scan', `oci:${example}`, '--db', db])
      expect(r.code).toBe(0)
      expect(r.out).toMatch(/MEDIUM \(1\)/)
      expect(r.out).toMatch(/com\.google\.guava:guava\s+31\.1-jre\s+GHSA-7g45-4rm6-3mm3\s+32\.0\.0\s+fixed\s+[0-9a-f]{12}/)
      expect(r.out).toMatch(/setuptools\s+51\.3\.3\s+PYSEC-2022-43012\s+65\.5\.1\s+fixed\s+[0-9a-f]{12}/)
      // Guava 31.1-jre is outside the other two Guava records' ranges (11.0–24.1.1 fixed,
      // last affected 29.0).
      expect(r.out).not.toMatch(/GHSA-mvr2-9pj6-7w5j|GHSA-5mg8-w23w-74h3/)
      expect(r.out).toMatch(/Total: 2 \(MEDIUM 1, UNKNOWN 1\)/)
    }, 60_000)
  }

  it('exits 1 when a finding at or above --fail-on remains, 0 when none does', async () => {
    const scan = (...extra: string[]) => run(['scan', `oci:${example}`, '--db', shippedDb, ...extra])
    expect((await scan('--fail-on', 'MEDIUM')).code).toBe(1)
    expect((await scan('--fail-on', 'LOW')).code).toBe(1)
    expect((await scan('--fail-on', 'HIGH')).code).toBe(0)
    expect((await scan('--fail-on', 'CRITICAL')).code).toBe(0)
    // Filtering the MEDIUM finding out of the report also takes it out of the policy.
    expect((await scan('--fail-on', 'MEDIUM', '--severity', 'HIGH,CRITICAL')).code).toBe(0)
  }, 120_000)

  it('reports the finding as MEDIUM 5.5 with its CVE alias in JSON', async () => {
    const json = JSON.parse((await run(['scan', `oci:${example}`, '--db', shippedDb, '--format', 'json'])).out)
    const f = json.findings.find((x: { id: string }) => x.id === 'GHSA-7g45-4rm6-3mm3')
    expect(f).toMatchObject({ severity: 'MEDIUM', package: { name: 'com.google.guava:guava', version: '31.1-jre', ecosystem: 'Maven' } })
    expect(f.aliases).toContain('CVE-2023-2976')
    expect(JSON.stringify(f)).toContain('5.5')
  }, 60_000)
})
