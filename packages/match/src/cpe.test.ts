import { describe, it, expect } from 'vitest'
import { compareCpeValues, cpeMatches, formatCpe, formatCpeUri, parseCpeFormattedString, parseCpeUri } from './cpe.ts'

const v = (value: string) => ({ kind: 'value' as const, value })

// Examples of NISTIR 7695 (CPE 2.3 Naming) §6.1 and §6.2, and NISTIR 7696 (Name Matching) table 6-2.
describe('CPE 2.3 naming', () => {
  it('unbinds a formatted string to a WFN with quoted punctuation', () => {
    const w = parseCpeFormattedString('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*')
    expect(w.part).toEqual(v('a'))
    expect(w.product).toEqual(v('internet_explorer'))
    expect(w.version).toEqual(v('8\\.0\\.6001'))
    expect(w.update).toEqual(v('beta'))
    expect(w.edition).toEqual({ kind: 'ANY' })
  })
  it('binds the same WFN to a URI', () => {
    expect(formatCpeUri(parseCpeFormattedString('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'))).toBe('cpe:/a:microsoft:internet_explorer:8.0.6001:beta')
  })
  it('packs extended attributes into the URI edition and reads them back', () => {
    const fs = 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*'
    const uri = 'cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~'
    expect(formatCpeUri(parseCpeFormattedString(fs))).toBe(uri)
    expect(formatCpe(parseCpeUri(uri))).toBe(fs)
    expect(parseCpeUri(uri).update).toEqual({ kind: 'NA' })
  })
  it('percent-encodes quoted characters in URIs and keeps escapes in formatted strings', () => {
    expect(parseCpeUri('cpe:/a:foo%5cbar:big%24money_2010').vendor).toEqual(v('foo\\\\bar'))
    expect(() => parseCpeUri('cpe:/a:foo:bar%07')).toThrow(/percent-encoding/)
    expect(formatCpe(parseCpeUri('cpe:/a:foo%5cbar:big%24money_2010'))).toBe('cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:*:*:*:*')
    expect(formatCpeUri(parseCpeFormattedString('cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:*:*:*:*'))).toBe('cpe:/a:foo%5cbar:big%24money_2010')
  })
  it('refuses malformed names', () => {
    expect(() => parseCpeFormattedString('cpe:2.3:a:x')).toThrow(/Cannot parse CPE/)
    expect(() => parseCpeFormattedString('cpe:2.3:z:a:b:c:d:e:f:g:h:i:j')).toThrow(/part/)
  })
})

describe('NISTIR 7696 matching', () => {
  it('follows table 6-2', () => {
    expect(compareCpeValues({ kind: 'ANY' }, { kind: 'ANY' })).toBe('EQUAL')
    expect(compareCpeValues({ kind: 'ANY' }, { kind: 'NA' })).toBe('SUPERSET')
    expect(compareCpeValues({ kind: 'ANY' }, v('i'))).toBe('SUPERSET')
    expect(compareCpeValues({ kind: 'NA' }, { kind: 'ANY' })).toBe('SUBSET')
    expect(compareCpeValues({ kind: 'NA' }, { kind: 'NA' })).toBe('EQUAL')
    expect(compareCpeValues({ kind: 'NA' }, v('i'))).toBe('DISJOINT')
    expect(compareCpeValues(v('i'), { kind: 'ANY' })).toBe('SUBSET')
    expect(compareCpeValues(v('i'), { kind: 'NA' })).toBe('DISJOINT')
    expect(compareCpeValues(v('i'), v('i'))).toBe('EQUAL')
    expect(compareCpeValues(v('i'), v('k'))).toBe('DISJOINT')
    expect(compareCpeValues(v('m + wild cards'), v('m2'))).toBe('DISJOINT')
    expect(compareCpeValues(v('foo*'), v('foobar'))).toBe('SUPERSET')
    expect(compareCpeValues(v('i'), v('k*'))).toBe('UNDEFINED')
  })
  it('matches configurations against products', () => {
    expect(cpeMatches('cpe:2.3:a:openssl:openssl:1.0.1*:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*')).toBe(true)
    expect(cpeMatches('cpe:2.3:a:openssl:openssl:1.0.1?:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1:*:*:*:*:*:*:*')).toBe(false)
    expect(cpeMatches('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', 'cpe:/a:apache:log4j:2.14.1')).toBe(true)
    expect(cpeMatches('cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*', 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*')).toBe(false)
    expect(cpeMatches('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', 'cpe:2.3:a:apache:log4j_core:2.0:*:*:*:*:*:*:*')).toBe(false)
  })
})
