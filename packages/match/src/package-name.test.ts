import { describe, expect, it } from 'vitest'
import { ecosystemKey, normalisePackageName } from './package-name.ts'

// PEP 503 as the PEP writes it: re.sub(r"[-_.]+", "-", name).lower().
const pep503 = (name: string) => name.replace(/[-_.]+/g, '-').toLowerCase()

describe('normalisePackageName', () => {
  it('PyPI names follow PEP 503, whether or not they are already canonical', () => {
    const names = ['requests', 'Zope.Interface', 'zope-interface', 'a--b', 'a-_.-b', 'A_B', 'x.', '-x-', 'Ärger_Paket', 'ÄRGER', 'pkg-1.0', 'a-b-c', '']
    for (const n of names) expect(normalisePackageName('PyPI', n), n).toBe(pep503(n))
    // An already-canonical name comes back as the same string.
    expect(normalisePackageName('PyPI', 'zope-interface')).toBe('zope-interface')
  })

  it('applies each ecosystem rule, whatever the spelling or release of the ecosystem', () => {
    expect(normalisePackageName('npm', '@Scope/Left-Pad')).toBe('@scope/left-pad')
    expect(normalisePackageName('Packagist', 'Vendor/Pkg')).toBe('vendor/pkg')
    expect(normalisePackageName('crates.io', 'Serde')).toBe('serde')
    expect(normalisePackageName('Maven', 'org.apache/commons')).toBe('org.apache:commons')
    expect(normalisePackageName('Maven', 'org.apache:commons')).toBe('org.apache:commons')
    expect(normalisePackageName('Go', 'github.com/Foo/Bar')).toBe('github.com/Foo/Bar')
    expect(normalisePackageName('Debian:12', 'OpenSSL')).toBe('OpenSSL')
    expect(normalisePackageName('pypi', 'Zope.Interface')).toBe('zope-interface')
    expect(normalisePackageName('PyPI:whatever', 'Zope.Interface')).toBe('zope-interface')
  })

  it('keeps rules apart when many ecosystems are named', () => {
    for (let i = 0; i < 3000; i++) expect(normalisePackageName(`Debian:${i}`, 'A.B')).toBe('A.B')
    expect(normalisePackageName('PyPI', 'A.B')).toBe('a-b')
    expect(normalisePackageName('npm', 'A.B')).toBe('a.b')
  })
})

describe('ecosystemKey', () => {
  it('folds case and reduces Alpine releases to major.minor', () => {
    expect(ecosystemKey('Alpine:3.10.2')).toBe('alpine:v3.10')
    expect(ecosystemKey('PyPI')).toBe('pypi')
  })
})
