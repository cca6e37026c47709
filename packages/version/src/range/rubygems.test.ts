import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { Scheme } from '../scheme.ts'
import { sharedPath } from '../../../../test/support/shared.ts'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseRubyGemsRange } from './rubygems.ts'

const advisoryDb = sharedPath('data/osv/rubysec__ruby-advisory-db')

/** The quoted entries of one list key (`patched_versions:` …) of an advisory YAML. */
function requirementList(yaml: string, key: string): string[] {
  const out: string[] = []
  const lines = yaml.split('\n')
  let i = lines.findIndex((l) => l === `${key}:`)
  if (i < 0) return out
  for (i++; i < lines.length && /^\s+- /.test(lines[i]!); i++) out.push(lines[i]!.replace(/^\s+- /, '').replace(/^["']|["']$/g, ''))
  return out
}

describe.each(BACKENDS)('RubyGems requirements ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('RubyGems', v, r, { backend })

  it('follows the Gem::Version documentation table for ~>', () => {
    // "~> 3.0" 3.0 … 4.0; "~> 3.0.0" 3.0.0 … 3.1; "~> 3.5" 3.5 … 4.0; "~> 3.5.0" 3.5.0 … 3.6; "~> 3" 3.0 … 4.0
    const table: [string, string, string][] = [
      ['~> 3.0', '3.0', '4.0'],
      ['~> 3.0.0', '3.0.0', '3.1'],
      ['~> 3.5', '3.5', '4.0'],
      ['~> 3.5.0', '3.5.0', '3.6'],
      ['~> 3', '3.0', '4.0'],
    ]
    for (const [req, from, to] of table) {
      expect([req, from, sat(from, req)]).toEqual([req, from, true])
      expect([req, to, sat(to, req)]).toEqual([req, to, false])
      expect([req, `${to}.0.1`, sat(`${to}.0.1`, req)]).toEqual([req, `${to}.0.1`, false])
    }
    expect(sat('3.9.99', '~> 3.5')).toBe(true)
    expect(sat('3.5.99', '~> 3.5.0')).toBe(true)
    expect(sat('3.4', '~> 3.5')).toBe(false)
  })

  it('compares a prerelease candidate through its release for ~>', () => {
    expect(sat('2.9.a', '~> 2.2')).toBe(true)
    expect(sat('3.0.a', '~> 2.2')).toBe(false) // release 3.0 is not below 3
    expect(sat('3.0-1', '~> 2.2')).toBe(false) // `-` makes it a prerelease (3.0.pre.1)
    expect(sat('2.2.a', '~> 2.2')).toBe(false) // below 2.2
    expect(sat('2.2.0.a', '~> 2.2.0.a')).toBe(true)
  })

  it('handles each operator, default =, and whitespace', () => {
    expect(sat('1.0', '1.0.0')).toBe(true)
    expect(sat('1.0', '= 1')).toBe(true)
    expect(sat('1.0', '!= 1')).toBe(false)
    expect(sat('1.0.a', '< 1.0')).toBe(true)
    expect(sat('1.0.a', '>= 1.0')).toBe(false)
    expect(sat('1.0', '<= 1.0, > 0.9')).toBe(true)
    expect(sat('1.0', '  >=0.9 ,<1 ')).toBe(false)
  })

  describe.skipIf(!advisoryDb)('ruby-advisory-db records', () => {
    const read = (p: string) => readFileSync(join(advisoryDb!, p), 'utf8')
    // ruby-advisory-db semantics: vulnerable unless a patched_versions or an
    // unaffected_versions entry is satisfied.
    const vulnerable = (yaml: string, v: string) =>
      ![...requirementList(yaml, 'patched_versions'), ...requirementList(yaml, 'unaffected_versions')].some((r) => sat(v, r))

    it('actionpack CVE-2020-8164 (~> 5.2.4, >= 5.2.4.3 | >= 6.0.3.1)', () => {
      const y = read('gems/actionpack/CVE-2020-8164.yml')
      expect(requirementList(y, 'patched_versions')).toEqual(['~> 5.2.4, >= 5.2.4.3', '>= 6.0.3.1'])
      const want: [string, boolean][] = [
        ['5.2.4.2', true], ['5.2.4.3', false], ['5.2.5', false], ['5.1.7', true],
        ['6.0.3', true], ['6.0.3.1', false], ['6.1.0', false], ['6.0.0.rc1', true],
      ]
      for (const [v, vuln] of want) expect([v, vulnerable(y, v)]).toEqual([v, vuln])
    })

    it('actionpack CVE-2021-22903 (unaffected < 6.1.0.rc2, patched >= 6.1.3.2)', () => {
      const y = read('gems/actionpack/CVE-2021-22903.yml')
      const want: [string, boolean][] = [
        ['6.0.4', false], ['6.1.0.rc1', false], ['6.1.0.rc2', true], ['6.1.3.1', true], ['6.1.3.2', false],
      ]
      for (const [v, vuln] of want) expect([v, vulnerable(y, v)]).toEqual([v, vuln])
    })

    it('parses every patched/unaffected requirement in the gems tree', async () => {
      const { readdirSync } = await import('node:fs')
      let n = 0
      for (const gem of readdirSync(join(advisoryDb!, 'gems'))) {
        for (const f of readdirSync(join(advisoryDb!, 'gems', gem))) {
          if (!f.endsWith('.yml')) continue
          const y = read(join('gems', gem, f))
          for (const r of [...requirementList(y, 'patched_versions'), ...requirementList(y, 'unaffected_versions')]) {
            n++
            expect(() => parseRubyGemsRange(r), `${gem}/${f}: ${r}`).not.toThrow()
          }
        }
      }
      expect(n).toBeGreaterThan(1000)
    })
  })
})

describe('RubyGems requirement syntax', () => {
  it('rejects what Gem::Requirement.parse rejects with INVALID_RANGE', () => {
    for (const r of ['', '>= ', '=> 1.0', '~> a', '>= 1.0,', '1.0 2.0', '>= v1', '^1.0']) {
      let code = ''
      try {
        parseRubyGemsRange(r)
      } catch (e) {
        code = (e as StowawayError).code
      }
      expect([r, code]).toEqual([r, 'INVALID_RANGE'])
    }
  })

  it('fails fast on long hostile input', () => {
    expect(() => parseRubyGemsRange(' '.repeat(50000) + 'x')).toThrow(StowawayError)
    expect(() => parseRubyGemsRange('>=' + ' '.repeat(50000) + '1' + '.1'.repeat(20000) + '!')).toThrow(StowawayError)
  })
})

// The native tool itself, when Ruby is installed: Gem::Version / Gem::Requirement
// must give our answers on generated input.
const ORACLE = `
require 'json'
req = JSON.parse(STDIN.read)
out = { 'compare' => [], 'satisfied' => [] }
req['pairs'].each do |a, b|
  unless Gem::Version.correct?(a) then out['compare'] << 2; next end
  unless Gem::Version.correct?(b) then out['compare'] << 3; next end
  out['compare'] << (Gem::Version.new(a) <=> Gem::Version.new(b))
end
req['reqs'].each do |r, v|
  begin
    parts = r.split(',', -1)
    parts = [''] if parts.empty?
    out['satisfied'] << Gem::Requirement.new(*parts).satisfied_by?(Gem::Version.new(v))
  rescue Gem::Requirement::BadRequirementError, ArgumentError
    out['satisfied'] << 'invalid'
  end
end
puts JSON.generate(out)
`

const { spawnSync } = await import('node:child_process')
const hasRuby = spawnSync('ruby', ['-e', 'exit 0']).status === 0

describe.skipIf(!hasRuby)('RubyGems against the installed Ruby', () => {
  let seed = 0x2b
  const r = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  const tokens = ['1', '0', '0', '2', '10', '01', '.', '.', '.', '-', 'a', 'b', 'pre', 'rc', 'B', ' ', '9'.repeat(22)]
  const versionish = () => Array.from({ length: 1 + Math.floor(r() * 9) }, () => pick(tokens)).join('')
  const real = ['0', '1', '1.0', '1.0.0', '1.0.a', '1.0.b1', '1.0.a.2', '1.0-rc1', '2.2', '2.2.0', '2.9.a', '3.0', '3.0.a',
    '5.2.4', '5.2.4.3', '5.2.5', '6.0.3.1', '1.0.0.1', '']
  const version = () => (r() < 0.5 ? pick(real) : versionish())
  const run = (pairs: [string, string][], reqs: [string, string][]) => {
    const res = spawnSync('ruby', ['-e', ORACLE], { input: JSON.stringify({ pairs, reqs }), encoding: 'utf8', maxBuffer: 1 << 26 })
    if (res.status !== 0) throw new Error(`Cannot run Ruby oracle: ${res.stderr}`)
    return JSON.parse(res.stdout) as { compare: number[]; satisfied: (boolean | 'invalid')[] }
  }

  it('compare agrees on 6000 generated pairs (both backends)', () => {
    const pairs: [string, string][] = Array.from({ length: 6000 }, () => [version(), version()])
    const want = run(pairs, []).compare
    expect(want.filter((c) => c < 2).length).toBeGreaterThan(1000)
    for (const backend of BACKENDS) {
      const got = backend.compareMany(Scheme.RubyGems, pairs.map((p) => p[0]), pairs.map((p) => p[1]))
      const diffs = pairs.map(([a, b], i) => (got[i] !== want[i] ? `${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${got[i]} want ${want[i]}` : ''))
      expect([backend.kind, diffs.filter(Boolean).slice(0, 10)]).toEqual([backend.kind, []])
    }
  })

  it('requirements agree on 6000 generated (requirement, version) cases (both backends)', () => {
    const ops = ['', '=', '!=', '>', '<', '>=', '<=', '~>', '~> ', '>= ']
    const req1 = () => pick(ops) + (r() < 0.85 ? pick(real.filter(Boolean)) : versionish())
    const reqs: [string, string][] = Array.from({ length: 6000 }, () => [
      Array.from({ length: 1 + Math.floor(r() * 2) }, req1).join(', '),
      pick(real.filter(Boolean)),
    ])
    const want = run([], reqs).satisfied
    expect(want.filter((c) => c !== 'invalid').length).toBeGreaterThan(1000)
    for (const backend of BACKENDS) {
      const cmp = (a: string, b: string) => backend.compare(Scheme.RubyGems, a, b)
      const diffs: string[] = []
      reqs.forEach(([req, v], i) => {
        let got: boolean | 'invalid'
        try {
          got = parseRubyGemsRange(req).test(v, cmp)
        } catch {
          got = 'invalid'
        }
        if (got !== want[i]) diffs.push(`${req} ∋ ${v}: ${got} want ${want[i]}`)
      })
      expect([backend.kind, diffs.slice(0, 10)]).toEqual([backend.kind, []])
    }
  })
})
