import { describe, it, expect, beforeAll } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { main } from '../cli.ts'
import { captureIo } from '../testing-io.ts'
import { REPO_ROOT, sharedPath } from '../../../../test/support/shared.ts'

const example = join(REPO_ROOT, 'examples/alpine-3.9')
const schemas = sharedPath('data/schemas')

async function run(args: string[]) {
  const io = captureIo()
  const code = await main(args, io)
  return { code, out: io.out, err: io.err }
}

function validator(main: string, extra: string[] = [], draft04 = false) {
  const load = (p: string) => {
    const s = JSON.parse(readFileSync(join(schemas!, p), 'utf8'))
    // SARIF's schema is draft-04: its `id` is draft-07's `$id`; the keywords it uses are otherwise the same.
    if (draft04) {
      delete s.$schema
      s.$id = s.id
      delete s.id
    }
    return s
  }
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const e of extra) ajv.addSchema(load(e), e.split('/').pop())
  const v = ajv.compile(load(main))
  return (doc: unknown) => (v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))
}

describe('stowaway db and scan on the shipped example', () => {
  let db: string
  beforeAll(async () => {
    db = join(mkdtempSync(join(tmpdir(), 'swscan-')), 'db')
    const r = await run(['db', 'build', '--from', join(REPO_ROOT, 'examples/advisories'), '--out', db])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/alpine-secdb: 2 files \(alpine-secdb 2\), \d+ advisories ingested, \d+ skipped/)
    expect(r.out).toMatch(/skipped \d+: secfixes id is not a CVE/)
  }, 60_000)

  it('db info lists sources and ecosystems', async () => {
    const r = await run(['db', 'info', '--db', db])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Alpine:v3.9: \d+ advisories/)
    expect(r.out).toMatch(/PyPI: 2 advisories, 1 packages/)
  })

  it('prints the setuptools finding with its layer, and --fail-on drives the exit code', async () => {
    const r = await run(['scan', `oci:${example}`, '--db', db])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/setuptools\s+51\.3\.3\s+PYSEC-2022-43012\s+65\.5\.1\s+fixed\s+e6f394706cc1/)
    // The Guava finding is MEDIUM: it trips --fail-on MEDIUM but not HIGH …
    expect((await run(['scan', `oci:${example}`, '--db', db, '--fail-on', 'MEDIUM'])).code).toBe(1)
    expect((await run(['scan', `oci:${example}`, '--db', db, '--fail-on', 'HIGH'])).code).toBe(0)
    // … PYSEC-2022-43012 carries no severity: UNKNOWN alone never trips --fail-on …
    expect((await run(['scan', `oci:${example}`, '--db', db, '--fail-on', 'LOW', '--severity', 'UNKNOWN'])).code).toBe(0)
    // … and a bad flag value is a usage error.
    expect((await run(['scan', `oci:${example}`, '--db', db, '--fail-on', 'SEVERE'])).code).toBe(2)
  }, 60_000)

  it('fails on policy with a severity-rated finding (ignore-file, VEX and expiry)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swpol-'))
    // A PyPA record with a CVSS vector, added to a copy of the example advisories.
    cpSync(join(REPO_ROOT, 'examples/advisories'), join(dir, 'adv'), { recursive: true })
    writeFileSync(
      join(dir, 'adv/pypa/setuptools/TEST-1.json'),
      JSON.stringify({ id: 'TEST-1', aliases: ['CVE-2099-0001'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }], affected: [{ package: { ecosystem: 'PyPI', name: 'setuptools' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '70.0.0' }] }] }] }),
    )
    const db2 = join(dir, 'db')
    expect((await run(['db', 'build', '--from', join(dir, 'adv'), '--out', db2])).code).toBe(0)
    const json = JSON.parse((await run(['scan', `oci:${example}`, '--db', db2, '--format', 'json'])).out)
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(ajv)
    const validReport = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'docs/output-json.schema.json'), 'utf8')))
    expect(validReport(json), JSON.stringify(validReport.errors)).toBe(true)
    expect(validReport({ ...json, findings: [{ id: 'x' }] })).toBe(false)
    expect(json.findings.map((f: { id: string; severity: string }) => `${f.id} ${f.severity}`)).toEqual(['GHSA-7g45-4rm6-3mm3 MEDIUM', 'PYSEC-2022-43012 UNKNOWN', 'TEST-1 HIGH'])
    const test1 = json.findings.find((f: { id: string }) => f.id === 'TEST-1')
    expect(test1.package).toMatchObject({ name: 'setuptools', version: '51.3.3', ecosystem: 'PyPI', purl: 'pkg:pypi/setuptools@51.3.3' })
    expect(test1.layer).toMatch(/^sha256:/)
    expect((await run(['scan', `oci:${example}`, '--db', db2, '--fail-on', 'HIGH'])).code).toBe(1)
    expect((await run(['scan', `oci:${example}`, '--db', db2, '--fail-on', 'CRITICAL'])).code).toBe(0)
    expect((await run(['scan', `oci:${example}`, '--db', db2, '--fail-on', 'HIGH', '--severity', 'LOW,MEDIUM'])).code).toBe(0)

    const ignore = join(dir, 'ignore.yaml')
    writeFileSync(ignore, 'ignore:\n  - id: CVE-2099-0001\n    package: setuptools\n    reason: not reachable\n    expires: 2999-01-01\n')
    const ign = await run(['scan', `oci:${example}`, '--db', db2, '--fail-on', 'HIGH', '--ignore-file', ignore])
    expect(ign.code).toBe(0)
    expect(ign.out).toMatch(/TEST-1 setuptools 51\.3\.3: ignored: not reachable \(until 2999-01-01\)/)
    writeFileSync(ignore, 'ignore:\n  - id: TEST-1\n    expires: 2020-01-01\n')
    const expired = await run(['scan', `oci:${example}`, '--db', db2, '--fail-on', 'HIGH', '--ignore-file', ignore])
    expect(expired.code).toBe(1)
    expect(expired.err).toMatch(/ignore rule "TEST-1".*expired on 2020-01-01/)

    const vex = join(dir, 'vex.json')
    writeFileSync(vex, JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'x', author: 'a', timestamp: '2024-01-01T00:00:00Z', version: 1, statements: [{ vulnerability: { name: 'CVE-2099-0001' }, products: [{ '@id': 'pkg:pypi/setuptools' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }] }))
    const vexed = await run(['scan', `oci:${example}`, '--db', db2, '--fail-on', 'HIGH', '--vex', vex])
    expect(vexed.code).toBe(0)
    expect(vexed.out).toMatch(/VEX not_affected: vulnerable_code_not_in_execute_path/)
    expect((await run(['scan', `oci:${example}`, '--db', db2, '--ignore-unfixed', '--format', 'json'])).out).toContain('"TEST-1"')
  }, 120_000)

  it.skipIf(!schemas)('writes SARIF 2.1.0 and CycloneDX 1.6 that validate against their schemas', async () => {
    const sarif = JSON.parse((await run(['scan', `oci:${example}`, '--db', db, '--format', 'sarif'])).out)
    const vs = validator('oasis-tcs__sarif-spec/sarif-2.1/schema/sarif-schema-2.1.0.json', [], true)
    expect(vs(sarif)).toEqual([])
    expect(vs({ version: '2.1.0', runs: [{ results: [] }] })).not.toEqual([]) // the validator does reject
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['GHSA-7g45-4rm6-3mm3', 'PYSEC-2022-43012'])
    const cdx = JSON.parse((await run(['scan', `oci:${example}`, '--db', db, '--format', 'cyclonedx'])).out)
    const v = validator('CycloneDX__specification/schema/bom-1.6.schema.json', ['CycloneDX__specification/schema/spdx.schema.json', 'CycloneDX__specification/schema/jsf-0.82.schema.json'])
    expect(v(cdx)).toEqual([])
    expect(v({ ...cdx, vulnerabilities: [{ ratings: [{ severity: 'dire' }] }] })).not.toEqual([])
    expect(cdx.vulnerabilities.find((v: { id: string }) => v.id === 'PYSEC-2022-43012')).toMatchObject({ id: 'PYSEC-2022-43012', affects: [{ ref: 'pkg:pypi/setuptools@51.3.3' }] })
  }, 60_000)

  it('writes JUnit and Markdown', async () => {
    const junit = (await run(['scan', `oci:${example}`, '--db', db, '--format', 'junit'])).out
    expect(junit).toMatch(/<testcase classname="setuptools@51\.3\.3" name="PYSEC-2022-43012"><failure type="UNKNOWN"/)
    const md = (await run(['scan', `oci:${example}`, '--db', db, '--format', 'markdown'])).out
    expect(md).toContain('| UNKNOWN | setuptools | 51.3.3 | PYSEC-2022-43012 | 65.5.1 | fixed |')
  }, 60_000)

  it('scans an SBOM file (sbom:) through its purls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swsbom-'))
    const file = join(dir, 'bom.json')
    writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'setuptools', version: '51.3.3', purl: 'pkg:pypi/setuptools@51.3.3' }, { type: 'library', name: 'setuptools', version: '65.5.1', purl: 'pkg:pypi/setuptools@65.5.1' }] }))
    const r = await run(['scan', `sbom:${file}`, '--db', db, '--format', 'json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.findings.map((f: { id: string; package: { version: string } }) => `${f.id} ${f.package.version}`)).toEqual(['PYSEC-2022-43012 51.3.3'])
  }, 60_000)

  it('a single-file .stwdb bundle scans exactly like the shard directory', async () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'swbundle-')), 'example.stwdb')
    const built = await run(['db', 'build', '--from', join(REPO_ROOT, 'examples/advisories'), '--out', bundle])
    expect(built.code).toBe(0)
    expect(readFileSync(bundle).subarray(0, 8).toString()).toBe('STWDBv1\n')
    const info = await run(['db', 'info', '--db', bundle])
    expect(info.out).toMatch(/PyPI: 2 advisories, 1 packages/)
    const fromDir = await run(['scan', `oci:${example}`, '--db', db, '--format', 'json'])
    const fromFile = await run(['scan', `oci:${example}`, '--db', bundle, '--format', 'json'])
    expect(fromFile.code).toBe(0)
    expect(JSON.parse(fromFile.out).findings).toEqual(JSON.parse(fromDir.out).findings)
    expect(JSON.parse(fromFile.out).findings.length).toBeGreaterThan(0)
    // A truncated bundle is a clear input error, not a crash.
    const cut = bundle + '.cut'
    writeFileSync(cut, readFileSync(bundle).subarray(0, 200))
    const bad = await run(['scan', `oci:${example}`, '--db', cut])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/Cannot open DB bundle: .*(runs past the end|truncated|index)/)
  }, 60_000)

  it('reports a missing DB as an input error', async () => {
    const r = await run(['scan', `oci:${example}`, '--db', join(tmpdir(), 'no-such-db-dir')])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/Cannot open DB/)
  })
})
