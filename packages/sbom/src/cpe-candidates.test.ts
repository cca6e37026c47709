import { describe, it, expect } from 'vitest'
import { cpeCandidates, escapeCpeValue, formatCpe23 } from './cpe-candidates.ts'

describe('CPE 2.3 formatted-string binding (NISTIR 7695 §6.2 examples)', () => {
  it('binds the spec examples', () => {
    // Example 1: part a, vendor microsoft, product internet_explorer, version 8.0.6001, update beta.
    expect(formatCpe23({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8.0.6001', update: 'beta' })).toBe(
      'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*',
    )
    // Example 4: vendor "foo\bar", product "big$money_manager_2010" — backslash and $ quoted.
    expect(escapeCpeValue('foo\\bar')).toBe('foo\\\\bar')
    expect(escapeCpeValue('big$money_manager_2010')).toBe('big\\$money_manager_2010')
  })

  it('leaves . - _ unquoted, quotes every other punctuation, lower-cases, maps spaces', () => {
    expect(escapeCpeValue('Sdbus-C++')).toBe('sdbus-c\\+\\+')
    expect(escapeCpeValue('a:b*c?d/e@f!g')).toBe('a\\:b\\*c\\?d\\/e\\@f\\!g')
    expect(escapeCpeValue('Spring Framework')).toBe('spring_framework')
    expect(escapeCpeValue('1.0_rc-1')).toBe('1.0_rc-1')
    expect(escapeCpeValue('')).toBe('*')
  })
})

describe('candidates per ecosystem', () => {
  it('npm: name_project convention and scopes', () => {
    expect(cpeCandidates({ name: 'lodash', version: '4.17.20', type: 'npm' })).toEqual([
      'cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*',
      'cpe:2.3:a:lodash_project:lodash:4.17.20:*:*:*:*:*:*:*',
    ])
    expect(cpeCandidates({ name: '@angular/core', version: '16.0.0', type: 'npm' })[0]).toBe('cpe:2.3:a:angular:core:16.0.0:*:*:*:*:*:*:*')
  })

  it('Maven vendor from groupId', () => {
    expect(cpeCandidates({ name: 'com.fasterxml.jackson.core:jackson-databind', version: '2.9.10.6', type: 'maven' })[0]).toBe(
      'cpe:2.3:a:fasterxml:jackson-databind:2.9.10.6:*:*:*:*:*:*:*',
    )
    expect(cpeCandidates({ name: 'log4j:log4j', version: '1.2.17', type: 'maven' })).toEqual(['cpe:2.3:a:log4j:log4j:1.2.17:*:*:*:*:*:*:*'])
  })

  it('Go modules, golang.org/x and the toolchain; no candidate for (devel)', () => {
    expect(cpeCandidates({ name: 'stdlib', version: 'v1.22.1', type: 'golang' })).toEqual(['cpe:2.3:a:golang:go:1.22.1:*:*:*:*:*:*:*'])
    expect(cpeCandidates({ name: 'golang.org/x/net', version: 'v0.7.0', type: 'golang' })).toEqual(['cpe:2.3:a:golang:net:0.7.0:*:*:*:*:*:*:*'])
    expect(cpeCandidates({ name: 'github.com/gin-gonic/gin', version: 'v1.9.0', type: 'golang' })).toEqual(['cpe:2.3:a:gin-gonic:gin:1.9.0:*:*:*:*:*:*:*'])
    expect(cpeCandidates({ name: 'example.com/app', version: '(devel)', type: 'golang' })).toEqual([])
  })

  it('OS packages drop epoch and release and add the source package', () => {
    expect(cpeCandidates({ name: 'libssl3', version: '3.0.22-1~deb12u2', type: 'deb', source: { name: 'openssl' } })).toEqual([
      'cpe:2.3:a:libssl3:libssl3:3.0.22:*:*:*:*:*:*:*',
      'cpe:2.3:a:openssl:openssl:3.0.22:*:*:*:*:*:*:*',
    ])
    expect(cpeCandidates({ name: 'hello', version: '1:0.0.1-rls', type: 'rpm' })).toEqual(['cpe:2.3:a:hello:hello:0.0.1:*:*:*:*:*:*:*'])
  })

  it('PyPI, composer, NuGet, escaping inside candidates', () => {
    expect(cpeCandidates({ name: 'Flask-Cors', version: '3.0.10', type: 'pypi' })[0]).toBe('cpe:2.3:a:flask_cors:flask_cors:3.0.10:*:*:*:*:*:*:*')
    expect(cpeCandidates({ name: 'symfony/http-kernel', version: 'v5.4.1', type: 'composer' })).toEqual(['cpe:2.3:a:symfony:http-kernel:v5.4.1:*:*:*:*:*:*:*'])
    expect(cpeCandidates({ name: 'Newtonsoft.Json', version: '13.0.1', type: 'nuget' })[0]).toBe('cpe:2.3:a:newtonsoft:newtonsoft.json:13.0.1:*:*:*:*:*:*:*')
    expect(cpeCandidates({ name: 'c++lib', version: '1.0+x', type: 'generic' })).toEqual(['cpe:2.3:a:c\\+\\+lib:c\\+\\+lib:1.0\\+x:*:*:*:*:*:*:*'])
  })

  it('every candidate has 13 colon-separated components (escaped colons aside)', () => {
    for (const c of cpeCandidates({ name: 'a:b', version: '1:2', type: 'npm' })) expect(c.split(/(?<!\\):/)).toHaveLength(13)
  })
})

describe('catalogers attach their candidates', () => {
  it('npm, rpm and Go builders fill Package.cpes', async () => {
    const { npmPackage } = await import('./catalogers/npm-package.ts')
    const { rpmPackage } = await import('./catalogers/rpm.ts')
    const { goBuildInfoPackages } = await import('./catalogers/go-binary.ts')
    expect(npmPackage('minimist', '1.2.5', { path: 'x' }).cpes).toEqual(['cpe:2.3:a:minimist:minimist:1.2.5:*:*:*:*:*:*:*', 'cpe:2.3:a:minimist_project:minimist:1.2.5:*:*:*:*:*:*:*'])
    expect(rpmPackage({ name: 'curl', version: '7.76.0', release: '6.cm2' }, { path: 'x' }, {}).cpes).toEqual(['cpe:2.3:a:curl:curl:7.76.0:*:*:*:*:*:*:*'])
    const go = goBuildInfoPackages({ goVersion: 'go1.22.1', path: 'x', main: { path: 'x', version: '(devel)' }, deps: [], settings: {} }, { path: 'b' })
    expect(go.map((p) => p.cpes)).toEqual([undefined, ['cpe:2.3:a:golang:go:1.22.1:*:*:*:*:*:*:*']])
  })
})
