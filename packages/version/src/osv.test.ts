import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { sharedPath } from '../../../test/support/shared.ts'
import { evaluateOsv } from './osv.ts'
import type { OsvAffectedRanges, OsvRange } from './osv.ts'
import { evaluateOsvAffected, satisfies } from './satisfies.ts'
import { Scheme } from './scheme.ts'
import { BACKENDS } from './testing/backends.ts'

const eco = (...events: OsvRange['events']): OsvRange => ({ type: 'ECOSYSTEM', events })
const sem = (...events: OsvRange['events']): OsvRange => ({ type: 'SEMVER', events })
const git: OsvRange = { type: 'GIT', repo: 'https://example.com/x.git', events: [{ introduced: '0' }, { fixed: 'abc123' }] }

describe.each(BACKENDS)('OSV range evaluation ($kind)', (backend) => {
  const status = (version: string, affected: OsvAffectedRanges) => evaluateOsv(Scheme.Semver, version, affected, backend).status
  const hit = (version: string, range: OsvRange) => satisfies('npm', version, range, { backend })

  it('introduced "0" opens at the very bottom, fixed closes (exclusive)', () => {
    const r = eco({ introduced: '0' }, { fixed: '1.2.0' })
    expect(hit('0.0.0', r)).toBe(true)
    expect(hit('0.0.0-alpha', r)).toBe(true)
    expect(hit('1.1.9', r)).toBe(true)
    expect(hit('1.2.0-rc.1', r)).toBe(true) // pure ordering: no npm prerelease rule here
    expect(hit('1.2.0', r)).toBe(false)
    expect(hit('1.2.0+build', r)).toBe(false) // build metadata does not order
    expect(hit('3.0.0', r)).toBe(false)
  })

  it('introduced is inclusive, last_affected is inclusive', () => {
    const r = eco({ introduced: '1.0.0' }, { last_affected: '1.4.2' })
    expect(hit('0.9.9', r)).toBe(false)
    expect(hit('1.0.0-rc.1', r)).toBe(false)
    expect(hit('1.0.0', r)).toBe(true)
    expect(hit('1.4.2', r)).toBe(true)
    expect(hit('1.4.3-0', r)).toBe(false)
    expect(hit('1.4.3', r)).toBe(false)
  })

  it('limit caps the range from above; "*" is no limit', () => {
    const r = eco({ introduced: '0' }, { limit: '2.0.0' })
    expect(hit('1.9.9', r)).toBe(true)
    expect(hit('2.0.0', r)).toBe(false)
    expect(hit('2.5.0', r)).toBe(false)
    expect(hit('9.0.0', eco({ introduced: '1.0.0' }, { limit: '*' }))).toBe(true)
    // A limit does not reopen what fixed closed.
    expect(hit('1.6.0', eco({ introduced: '1.0.0' }, { fixed: '1.5.0' }, { limit: '2.0.0' }))).toBe(false)
  })

  it('handles several introduced/fixed pairs in one range, in any event order', () => {
    const events = [{ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }, { introduced: '3.0.0' }]
    const shuffled = [events[3]!, events[0]!, events[4]!, events[2]!, events[1]!]
    const expected: [string, boolean][] = [
      ['0.9.0', false], ['1.0.0', true], ['1.1.5', true], ['1.2.0', false], ['1.9.9', false],
      ['2.0.0', true], ['2.0.9', true], ['2.1.0', false], ['2.9.9', false], ['3.0.0', true], ['99.0.0', true],
    ]
    for (const evs of [events, shuffled]) {
      for (const [v, want] of expected) expect([v, hit(v, eco(...evs))]).toEqual([v, want])
    }
  })

  it('an equal introduced and fixed make an empty range', () => {
    expect(hit('1.0.0', eco({ introduced: '1.0.0' }, { fixed: '1.0.0' }))).toBe(false)
  })

  it('the versions list matches exactly, alone or beside ranges', () => {
    const listed = evaluateOsv(Scheme.Semver, '1.0.0-beta.1', { versions: ['1.0.0-beta.1', '1.0.1'] }, backend)
    expect(listed).toMatchObject({ status: 'affected', listed: true })
    expect(status('1.0.0', { versions: ['1.0.0-beta.1', '1.0.1'] })).toBe('not-affected')
    expect(status('0.5.0', { versions: ['1.0.1'], ranges: [eco({ introduced: '0' }, { fixed: '0.6.0' })] })).toBe('affected')
  })

  it('a GIT-only entry is not evaluable, never a silent answer', () => {
    const r = evaluateOsvAffected('npm', '1.0.0', { ranges: [git] }, { backend })
    expect(r.status).toBe('not-evaluable')
    expect(r.skippedRanges).toBe(1)
    expect(() => satisfies('npm', '1.0.0', git, { backend })).toThrow(StowawayError)
    try {
      satisfies('npm', '1.0.0', [git], { backend })
    } catch (e) {
      expect((e as StowawayError).code).toBe('UNSUPPORTED')
    }
  })

  it('GIT beside ECOSYSTEM: the GIT range is skipped and counted, the other decides', () => {
    const entry = { ranges: [git, eco({ introduced: '0' }, { fixed: '2.0.0' })] }
    expect(evaluateOsvAffected('npm', '1.0.0', entry, { backend })).toEqual({ status: 'affected', range: 1, skippedRanges: 1 })
    const out = evaluateOsvAffected('npm', '2.0.0', entry, { backend })
    expect(out.status).toBe('not-affected')
    expect(out.skippedRanges).toBe(1)
  })

  it('a range with an event version invalid for the scheme is skipped, not guessed', () => {
    const bad = eco({ introduced: '0' }, { fixed: '1.2' }) // not SemVer: node-semver rejects it
    const alone = evaluateOsv(Scheme.Semver, '1.0.0', { ranges: [bad] }, backend)
    expect(alone.status).toBe('not-evaluable')
    expect(alone.reason).toMatch(/invalid/)
    const beside = evaluateOsv(Scheme.Semver, '1.0.0', { ranges: [bad, eco({ introduced: '0' }, { fixed: '1.1.0' })] }, backend)
    expect(beside).toMatchObject({ status: 'affected', range: 1, skippedRanges: 1 })
    const unsortedBad = eco({ fixed: '2.0.0' }, { introduced: 'not-a-version' }, { introduced: '0' })
    expect(status('1.0.0', { ranges: [unsortedBad] })).toBe('not-evaluable')
  })

  it('an invalid installed version is not evaluable; satisfies() throws INVALID_VERSION', () => {
    expect(status('1.0', { ranges: [eco({ introduced: '0' })] })).toBe('not-evaluable')
    expect(() => satisfies('npm', '1.0', eco({ introduced: '0' }), { backend })).toThrow(/not a valid npm version/)
  })

  it('SEMVER ranges ignore a leading v on the version and the events', () => {
    const r = sem({ introduced: 'v1.0.0' }, { fixed: 'v1.3.0' })
    expect(hit('v1.2.3', r)).toBe(true)
    expect(hit('1.2.3', r)).toBe(true)
    expect(hit('v1.3.0', r)).toBe(false)
    // SEMVER ranges use SemVer ordering whatever the ecosystem's own scheme is.
    expect(evaluateOsvAffected('NuGet', '1.0.0-rc.2', sem({ introduced: '0' }, { fixed: '1.0.0-rc.10' }), { backend }).status).toBe('affected')
  })

  it('a version invalid for one range\'s scheme skips that range only, in any order', () => {
    // NuGet "1.0" is valid for NuGet but not SemVer: the SEMVER range cannot be evaluated.
    const semverRange = sem({ introduced: '0' }, { fixed: '0.5.0' })
    const ecoRange = eco({ introduced: '0' }, { fixed: '2.0' })
    for (const ranges of [[semverRange, ecoRange], [ecoRange, semverRange]]) {
      const out = evaluateOsvAffected('NuGet', '1.0', { ranges }, { backend })
      expect(out).toMatchObject({ status: 'affected', range: ranges.indexOf(ecoRange), skippedRanges: ranges[0] === semverRange ? 1 : 0 })
    }
    const none = evaluateOsvAffected('NuGet', '1.0', { ranges: [semverRange], versions: ['0.1'] }, { backend })
    expect(none.status).toBe('not-evaluable')
  })

  it('ECOSYSTEM ranges use the ecosystem\'s scheme', () => {
    // NuGet: labels compare case-insensitively, so 1.0.0-RC.1 equals the fixed 1.0.0-rc.1.
    expect(satisfies('NuGet', '1.0.0-RC.1', eco({ introduced: '0' }, { fixed: '1.0.0-rc.1' }), { backend })).toBe(false)
    // pub: build metadata orders, 1.0.0+1 is above the fixed 1.0.0.
    expect(satisfies('Pub', '1.0.0+1', eco({ introduced: '0' }, { fixed: '1.0.0' }), { backend })).toBe(false)
    expect(satisfies('Pub', '1.0.0+1', eco({ introduced: '0' }, { fixed: '1.0.0+2' }), { backend })).toBe(true)
  })

  it('accepts one range, a list of ranges, or an affected entry', () => {
    const a = eco({ introduced: '0' }, { fixed: '1.0.0' })
    const b = eco({ introduced: '2.0.0' }, { fixed: '3.0.0' })
    expect(satisfies('npm', '2.5.0', [a, b], { backend })).toBe(true)
    expect(satisfies('npm', '1.5.0', [a, b], { backend })).toBe(false)
    expect(satisfies('npm', '2.5.0', { ranges: [a, b] }, { backend })).toBe(true)
    expect(evaluateOsvAffected('npm', '2.5.0', [a, b], { backend }).range).toBe(1)
  })
})

// Real advisories from the shared data, where the expected answer is plain from the record.
const ghsaRoot = sharedPath('data/osv/github__advisory-database/advisories/github-reviewed')
const osvDevRoot = sharedPath('data/osv/google__osv.dev/gcp/website/testdata/osv')

interface OsvRecord {
  id: string
  affected: (OsvAffectedRanges & { package: { ecosystem: string; name: string } })[]
}
const load = (root: string, rel: string) => JSON.parse(readFileSync(`${root}/${rel}`, 'utf8')) as OsvRecord
const entry = (rec: OsvRecord, name: string) => rec.affected.find((a) => a.package.name === name)!

describe.skipIf(!ghsaRoot || !osvDevRoot).each(BACKENDS)('real OSV records ($kind)', (backend) => {
  const check = (rec: OsvRecord, name: string, version: string) =>
    evaluateOsvAffected(rec.affected[0]!.package.ecosystem, version, entry(rec, name), { backend }).status

  it('GHSA-jf85-cpcp-j695 (lodash prototype pollution): fixed in 4.17.12, lodash-es in 4.17.14', () => {
    const rec = load(ghsaRoot!, '2019/07/GHSA-jf85-cpcp-j695/GHSA-jf85-cpcp-j695.json')
    expect(rec.id).toBe('GHSA-jf85-cpcp-j695')
    expect(check(rec, 'lodash', '4.17.11')).toBe('affected')
    expect(check(rec, 'lodash', '4.17.12')).toBe('not-affected')
    expect(check(rec, 'lodash', '4.17.21')).toBe('not-affected')
    expect(check(rec, 'lodash-es', '4.17.13')).toBe('affected')
    expect(check(rec, 'lodash-es', '4.17.14')).toBe('not-affected')
  })

  it('GHSA-78xj-cgh5-2h22 (ip SSRF): last_affected 1.1.8', () => {
    const rec = load(ghsaRoot!, '2024/02/GHSA-78xj-cgh5-2h22/GHSA-78xj-cgh5-2h22.json')
    expect(check(rec, 'ip', '1.1.8')).toBe('affected')
    expect(check(rec, 'ip', '1.1.9')).toBe('not-affected')
    expect(check(rec, 'ip', '2.0.1')).toBe('not-affected')
  })

  it('GHSA-2vqq-jgxx-fxjc (malicious motiv.scss): the listed 0.4.20 only', () => {
    const rec = load(ghsaRoot!, '2020/09/GHSA-2vqq-jgxx-fxjc/GHSA-2vqq-jgxx-fxjc.json')
    expect(evaluateOsvAffected('npm', '0.4.20', entry(rec, 'motiv.scss'), { backend })).toMatchObject({ status: 'affected', listed: true })
    expect(check(rec, 'motiv.scss', '0.4.21')).toBe('not-affected')
    expect(check(rec, 'motiv.scss', '0.4.19')).toBe('not-affected')
  })

  it('GHSA-r683-j2x4-v87g (node-fetch): an entry with introduced "1.0" (not SemVer) is not evaluable', () => {
    const rec = load(ghsaRoot!, '2022/01/GHSA-r683-j2x4-v87g/GHSA-r683-j2x4-v87g.json')
    const [loose, strict] = rec.affected
    expect(loose!.ranges![0]!.events[0]).toEqual({ introduced: '1.0' })
    const r = evaluateOsvAffected('npm', '3.0.0', loose!, { backend })
    expect(r.status).toBe('not-evaluable')
    expect(r.reason).toMatch(/invalid/)
    expect(evaluateOsvAffected('npm', '2.6.6', strict!, { backend }).status).toBe('affected')
    expect(evaluateOsvAffected('npm', '2.6.7', strict!, { backend }).status).toBe('not-affected')
  })

  it('MULTI-ECO-FIX-DEMO: npm SEMVER introduced 0 with no fix affects everything', () => {
    const rec = load(osvDevRoot!, 'MULTI-ECO-FIX-DEMO.json')
    const npm = rec.affected.find((a) => a.package.ecosystem === 'npm')!
    expect(evaluateOsvAffected('npm', '0.0.1', npm, { backend }).status).toBe('affected')
    expect(evaluateOsvAffected('npm', '99.0.0', npm, { backend }).status).toBe('affected')
  })
})
