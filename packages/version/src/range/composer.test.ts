import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { sharedPath } from '../../../../test/support/shared.ts'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseComposerRange } from './composer.ts'

// Meanings from Composer's "Versions and constraints" article and composer/semver's
// VersionParserTest constraint tables.
describe.each(BACKENDS)('composer constraints ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('Packagist', v, r, { backend })

  it('caret: ^1.2.3 is >=1.2.3 <2.0.0, ^0.3 is >=0.3.0 <0.4.0', () => {
    expect(sat('1.2.3', '^1.2.3')).toBe(true)
    expect(sat('1.9.9', '^1.2.3')).toBe(true)
    expect(sat('1.2.2', '^1.2.3')).toBe(false)
    expect(sat('2.0.0', '^1.2.3')).toBe(false)
    expect(sat('2.0.0-beta1', '^1.2.3')).toBe(false)
    expect(sat('0.3.9', '^0.3')).toBe(true)
    expect(sat('0.4.0', '^0.3')).toBe(false)
    expect(sat('0.0.3', '^0.0.3')).toBe(true)
    expect(sat('0.0.4', '^0.0.3')).toBe(false)
    expect(sat('1.2.3-beta.2', '^1.2.3-beta.2')).toBe(true)
    expect(sat('1.2.3-beta.1', '^1.2.3-beta.2')).toBe(false)
  })

  it('tilde: ~1.2 is >=1.2 <2.0.0, ~1.2.3 is >=1.2.3 <1.3.0', () => {
    expect(sat('1.2', '~1.2')).toBe(true)
    expect(sat('1.9', '~1.2')).toBe(true)
    expect(sat('2.0', '~1.2')).toBe(false)
    expect(sat('1.2.3', '~1.2.3')).toBe(true)
    expect(sat('1.2.9', '~1.2.3')).toBe(true)
    expect(sat('1.3.0', '~1.2.3')).toBe(false)
    expect(sat('1.2.4', '~1.2.3.4')).toBe(false)
    expect(sat('1.2.3.5', '~1.2.3.4')).toBe(true)
  })

  it('wildcards and hyphen ranges', () => {
    expect(sat('1.0.5', '1.0.*')).toBe(true)
    expect(sat('1.1.0', '1.0.*')).toBe(false)
    expect(sat('2.0.0-dev', '2.*')).toBe(true)
    expect(sat('0.9', '0.x')).toBe(true)
    expect(sat('1.0', '0.x')).toBe(false)
    expect(sat('123.4', '*')).toBe(true)
    // 1.0 - 2.0 is >=1.0.0 <2.1; 1.0.0 - 2.1.0 is >=1.0.0 <=2.1.0
    expect(sat('2.0.9', '1.0 - 2.0')).toBe(true)
    expect(sat('2.1.0', '1.0 - 2.0')).toBe(false)
    expect(sat('2.1.0', '1.0.0 - 2.1.0')).toBe(true)
    expect(sat('2.1.1', '1.0.0 - 2.1.0')).toBe(false)
    expect(sat('0.9', '1.0.0 - 2.1.0')).toBe(false)
  })

  it('operators, AND by comma or space, OR by || and |', () => {
    expect(sat('1.5', '>=1.0,<2.0')).toBe(true)
    expect(sat('1.5', '>=1.0 <2.0')).toBe(true)
    expect(sat('1.5', '>= 1.0, < 2.0')).toBe(true)
    expect(sat('2.0', '>=1.0 <2.0')).toBe(false)
    expect(sat('2.0-RC1', '>=1.0 <2.0')).toBe(false)
    expect(sat('2.5', '<1.1 || >=2.0')).toBe(true)
    expect(sat('1.5', '<1.1 || >=2.0')).toBe(false)
    expect(sat('1.0.5', '<1.1 | >=2.0')).toBe(true)
    expect(sat('1.0', '!=1.0')).toBe(false)
    expect(sat('1.0.1', '<>1.0')).toBe(true)
    expect(sat('1.0', '==1.0.0')).toBe(true)
    expect(sat('1.0', '=1.0.0')).toBe(true)
    expect(sat('1.0', '1.0.0')).toBe(true)
    expect(sat('1.0.1', '>1.0')).toBe(true)
    expect(sat('1.0', '<=1.0')).toBe(true)
  })

  it('reads stability flags and shifts bounds as Composer does', () => {
    // >=1.0@dev keeps >= 1.0.0.0-dev; <2.0@beta becomes < 2.0.0.0-beta
    expect(sat('1.0-dev', '>=1.0@dev')).toBe(true)
    expect(sat('2.0-alpha1', '<2.0@beta')).toBe(true)
    expect(sat('2.0-beta1', '<2.0@beta')).toBe(false)
    expect(sat('1.0', '1.0@dev')).toBe(true)
    expect(sat('3.0', '@dev')).toBe(true)
  })

  it('lets a dev-<branch> version meet only == and != by name', () => {
    expect(sat('dev-main', 'dev-main')).toBe(true)
    expect(sat('dev-main', 'dev-other')).toBe(false)
    expect(sat('dev-main', '!=dev-other')).toBe(true)
    expect(sat('dev-main', '>=0')).toBe(false)
    expect(sat('dev-main', '<99')).toBe(false)
    // a non-numeric "<name>-dev" is no version at all for Composer
    expect(() => sat('main-dev', 'dev-main')).toThrow(/not a valid Packagist version/)
  })
})

describe('parseComposerRange errors', () => {
  it.each(['', '~>1.2', '>=foo', '1.0 ||', '^', 'nope nope', '>= 1.0 <'])('rejects %j', (r) => {
    expect(() => parseComposerRange(r)).toThrow(StowawayError)
    try {
      parseComposerRange(r)
    } catch (e) {
      expect((e as StowawayError).code).toBe('INVALID_RANGE')
    }
  })
})

describe('parseComposerRange on long input', () => {
  // blank runs once sent a trailing-whitespace regex and the OR split quadratic
  it('parses or rejects in one pass', () => {
    const sp = ' '.repeat(100_000)
    expect(() => parseComposerRange(`>=1.0${sp}<`)).toThrow(StowawayError)
    expect(satisfies('Packagist', '1.5', `>=1.0${sp},<2.0`)).toBe(true)
    expect(satisfies('Packagist', '2.5', `>=1.0${sp},<2.0`)).toBe(false)
    expect(parseComposerRange(`1.0${sp}|${sp}2.0`).source.length).toBeGreaterThan(200_000)
    expect(() => parseComposerRange(`1.0 -${sp}`)).toThrow(StowawayError)
    expect(() => parseComposerRange(','.repeat(100_000))).toThrow(StowawayError)
  })
})

// FriendsOfPHP advisories: each branch lists constraints that must all hold.
const fop = sharedPath('data/osv/FriendsOfPHP__security-advisories')
describe.skipIf(!fop)('FriendsOfPHP advisories through composer constraints', () => {
  const branches = (rel: string): string[][] => {
    const text = readFileSync(join(fop!, rel), 'utf8')
    // YAML flow sequences, quoted or plain items
    return [...text.matchAll(/versions:\s*\[([^\]]*)\]/g)].map((m) =>
      [...m[1]!.matchAll(/'([^']*)'|"([^"]*)"|([^,'"\s][^,]*)/g)].map((x) => (x[1] ?? x[2] ?? x[3]!).trim()),
    )
  }
  const affected = (rel: string, v: string, backend: (typeof BACKENDS)[0]) =>
    branches(rel).some((all) => satisfies('Packagist', v, all.join(','), { backend }))

  it.each(BACKENDS)('symfony CVE-2019-10909 ($kind)', (backend) => {
    const rel = 'symfony/symfony/CVE-2019-10909.yaml'
    expect(branches(rel).length).toBeGreaterThan(5)
    expect(affected(rel, '3.4.25', backend)).toBe(true)
    expect(affected(rel, '3.4.26', backend)).toBe(false)
    expect(affected(rel, 'v2.7.50', backend)).toBe(true)
    expect(affected(rel, '2.7.51', backend)).toBe(false)
    expect(affected(rel, '4.2.6', backend)).toBe(true)
    expect(affected(rel, '4.2.7', backend)).toBe(false)
    expect(affected(rel, '4.3.0', backend)).toBe(false)
    expect(affected(rel, '2.6.13', backend)).toBe(false)
  })

  it.each(BACKENDS)('3f/pygmentize <1.2 ($kind)', (backend) => {
    const dir = readdirSync(join(fop!, '3f/pygmentize')).find((f) => f.endsWith('.yaml'))!
    const rel = `3f/pygmentize/${dir}`
    expect(branches(rel)).toEqual([['<1.2']])
    expect(affected(rel, '1.1', backend)).toBe(true)
    expect(affected(rel, '1.2', backend)).toBe(false)
    expect(affected(rel, '1.2-beta1', backend)).toBe(false)
  })

  it.each(BACKENDS)('every constraint in the corpus parses ($kind)', (backend) => {
    const bad: string[] = []
    let n = 0
    const walk = (dir: string) => {
      for (const e of readdirSync(join(fop!, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${e.name}` : e.name
        if (e.isDirectory()) walk(rel)
        else if (e.name.endsWith('.yaml')) {
          for (const all of branches(rel)) {
            n++
            try {
              satisfies('Packagist', '1.0.0', all.join(','), { backend })
            } catch {
              bad.push(`${rel}: ${all.join(',')}`)
            }
          }
        }
      }
    }
    walk('')
    expect(n).toBeGreaterThan(1500)
    expect(bad).toEqual([])
  })
})
