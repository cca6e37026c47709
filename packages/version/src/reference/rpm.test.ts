import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Scheme, schemeForEcosystem } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'

const rpmCases = readOrderCases('rpm-software-management__rpm/cases.txt')
const scalibr = readOrderCases('google__osv-scalibr/semantic/testdata/redhat-versions.txt')

// The native tool, when installed (.ci/run installs Debian's `rpm`): rpm.vercmp through
// rpm's embedded Lua. Returns -1/0/1, or 'ERR' where rpm refuses the input.
function nativeVercmp(pairs: [string, string][]): (number | 'ERR')[] | undefined {
  try {
    execFileSync('rpm', ['--version'], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-rpm-'))
  try {
    writeFileSync(join(dir, 'pairs.txt'), pairs.map(([a, b]) => `${a}\t${b}\n`).join(''))
    const lua =
      `local out = io.open("${dir}/got.txt", "w") ` +
      `for line in io.lines("${dir}/pairs.txt") do ` +
      `local a, b = line:match("^(.-)\\t(.*)$") ` +
      `local ok, r = pcall(rpm.vercmp, a, b) ` +
      `out:write((ok and tostring(r) or "ERR") .. "\\n") end out:close()`
    execFileSync('rpm', ['--eval', `%{lua: ${lua}}`], { stdio: 'ignore' })
    return readFileSync(join(dir, 'got.txt'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((r) => (r === 'ERR' ? 'ERR' : Math.sign(Number(r))))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// A seeded mix of vector strings and mutations of them, for the oracle comparison.
function oraclePairs(): [string, string][] {
  const words = new Set<string>()
  for (const c of [...rpmCases, ...scalibr]) words.add(c.a).add(c.b)
  for (const line of readVector('rpm-software-management__rpm/cases.txt').split('\n')) {
    const m = /^#DISABLED# (.*) [<=>] (.*)$/.exec(line)
    if (m) words.add(m[1]!).add(m[2]!)
  }
  const odd = ['1:', ':1', '-', '1-', '1-~', '~', '^', '1^', '1~', '1.~', 'a:1', '1:2:3', '0:', '00:1-0', ' ', '1 2', '1.0 ', 'α', '1.α-β', '~~', '^^', '1-2-3', ':', '::', '-:', '99999999999999999999:1', '1-0001', '1.0-1.el9_2.1']
  const list = [...words, ...odd]
  let seed = 7
  const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000)
  const alphabet = '0123456789.-:~^_+aZ'
  const mutate = (s: string) => {
    const i = Math.floor(r() * (s.length + 1))
    return s.slice(0, i) + alphabet[Math.floor(r() * alphabet.length)] + s.slice(i + (r() < 0.5 ? 1 : 0))
  }
  const out: [string, string][] = []
  for (let k = 0; k < 3000; k++) {
    const a = list[Math.floor(r() * list.length)]!
    const b = k % 2 ? mutate(a) : list[Math.floor(r() * list.length)]!
    out.push([k % 3 ? a : mutate(a), b])
  }
  // rpm reads the pairs file line by line: keep tabs and newlines out of the strings.
  return out.filter(([a, b]) => !/[\t\n]/.test(a + b) && a !== '' && b !== '')
}

const pairs = oraclePairs()
const native = nativeVercmp(pairs)

describe.each(BACKENDS)('rpm ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Rpm, a, b)

  it('orders every rpmvercmp.at vector both ways', () => {
    expect(rpmCases.length).toBeGreaterThan(80)
    for (const c of rpmCases) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })

  it('passes osv-scalibr redhat-versions.txt both ways', () => {
    expect(scalibr.length).toBeGreaterThan(150)
    for (const c of scalibr) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })

  it('splits epoch and release as rpm does', () => {
    expect(cmp('1:1.0', '2.0')).toBe(1) // epoch wins
    expect(cmp('a:1', 'b:1')).toBe(-1) // not an epoch: part of the version
    expect(cmp(':1', '0:1')).toBe(0) // empty epoch is 0
    expect(cmp('1', '1-~')).toBe(-1) // a release, even ~, beats none
    expect(cmp('1.0-1-1', '1.0-1')).toBe(1) // release after the last '-'
  })

  it('reports only empty or NUL-containing strings as invalid for compare', () => {
    expect(cmp('', '1')).toBe(2)
    expect(cmp('1', '')).toBe(3)
    expect(cmp('1\u00002', '1')).toBe(2)
    expect(cmp('.', '1')).toBe(-1)
  })

  it('accepts what rpmbuild accepts as an EVR', () => {
    for (const v of ['1.0', '1:1.0-1.el9', '0:3.10.0-229.1.2.ael7b', '1.0~rc1^git2', '2_0+x', '4294967295:1']) {
      expect([v, backend.valid(Scheme.Rpm, v)]).toEqual([v, true])
    }
    for (const v of ['', '1..0', '1.0-', '-1', ':1', 'a:1', '1:2:3', '1.0 ', '1.0-1-1', '1.α', '4294967296:1', '1-2..3', '1%{x}']) {
      expect([v, backend.valid(Scheme.Rpm, v)]).toEqual([v, false])
    }
  })

  it.skipIf(!native)('agrees with the native rpm.vercmp on vectors and mutations', () => {
    const diffs: string[] = []
    pairs.forEach(([a, b], i) => {
      const want = native![i] === 'ERR' ? 'ERR' : native![i]
      const got = cmp(a, b)
      const gotN = got === 2 || got === 3 ? 'ERR' : got
      if (gotN !== want && diffs.length < 10) diffs.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: rpm=${want} ours=${got}`)
    })
    expect(pairs.length).toBeGreaterThan(2500)
    expect(diffs).toEqual([])
  })
})

describe('rpm ecosystems', () => {
  it('maps the RPM-based OSV ecosystems to the rpm scheme', () => {
    for (const e of ['Red Hat', 'AlmaLinux:9', 'Rocky Linux:8', 'SUSE:Linux Enterprise Server 15', 'openSUSE:Tumbleweed', 'Photon OS:5.0', 'Azure Linux:3', 'openEuler:22.03-LTS', 'Mageia:9']) {
      expect([e, schemeForEcosystem(e)]).toEqual([e, Scheme.Rpm])
    }
  })
})
