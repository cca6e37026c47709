import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import type { Package, Warning } from '@stowaway/core'
import { createFileTree, type ExtractedFile } from '@stowaway/extract'
import { sharedPath } from '../../../../test/support/shared.ts'
import { catalogJavaArchive, javaArchiveCataloger, JAVA_LIMITS } from './java-archive.ts'
import { javaNameFromFileName, parseJavaManifest, parsePomProperties } from './java-metadata.ts'
import { listZipMembers } from '@stowaway/core'

const ids = (pkgs: Package[]) => pkgs.map((p) => `${p.name}@${p.version}`)
const D = sharedPath('data/pkgdb')
const read = (rel: string) => new Uint8Array(readFileSync(join(D!, rel)))
async function cat(bytes: Uint8Array, path: string) {
  const warnings: Warning[] = []
  const pkgs = await catalogJavaArchive(bytes, { path, layer: 'sha256:l' }, { warn: (w) => warnings.push(w) })
  return { pkgs, warnings }
}

/** A minimal ZIP writer for test archives: stored or deflated members, optional lying sizes. */
function zip(members: { name: string; data: Uint8Array | string; deflate?: boolean; declaredSize?: number }[]): Uint8Array {
  const enc = new TextEncoder()
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  let off = 0
  for (const m of members) {
    const raw = typeof m.data === 'string' ? enc.encode(m.data) : m.data
    const body = m.deflate ? new Uint8Array(deflateRawSync(raw)) : raw
    const name = enc.encode(m.name)
    const size = m.declaredSize ?? raw.length
    const lh = new Uint8Array(30 + name.length)
    const l = new DataView(lh.buffer)
    l.setUint32(0, 0x04034b50, true)
    l.setUint16(8, m.deflate ? 8 : 0, true)
    l.setUint32(18, body.length, true)
    l.setUint32(22, size, true)
    l.setUint16(26, name.length, true)
    lh.set(name, 30)
    const ch = new Uint8Array(46 + name.length)
    const c = new DataView(ch.buffer)
    c.setUint32(0, 0x02014b50, true)
    c.setUint16(10, m.deflate ? 8 : 0, true)
    c.setUint32(20, body.length, true)
    c.setUint32(24, size, true)
    c.setUint16(28, name.length, true)
    c.setUint32(42, off, true)
    ch.set(name, 46)
    parts.push(lh, body)
    central.push(ch)
    off += lh.length + body.length
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0)
  const end = new Uint8Array(22)
  const e = new DataView(end.buffer)
  e.setUint32(0, 0x06054b50, true)
  e.setUint16(8, members.length, true)
  e.setUint16(10, members.length, true)
  e.setUint32(12, cdSize, true)
  e.setUint32(16, off, true)
  const all = [...parts, ...central, end]
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of all) {
    out.set(p, o)
    o += p.length
  }
  return out
}

describe.skipIf(!D)('Java archives against trivy expected.md (offline cases)', () => {
  const T = 'aquasecurity__trivy/pkg/dependency/parser/java/jar/testdata/'
  const cases: [string, string[]][] = [
    ['maven.war', ['com.example:web-app@1.0-SNAPSHOT', 'com.fasterxml.jackson.core:jackson-databind@2.9.10.6', 'com.fasterxml.jackson.core:jackson-annotations@2.9.10', 'com.fasterxml.jackson.core:jackson-core@2.9.10', 'com.cronutils:cron-utils@9.1.2', 'org.slf4j:slf4j-api@1.7.30', 'org.glassfish:javax.el@3.0.0', 'org.apache.commons:commons-lang3@3.11']],
    ['gradle.war', ['commons-dbcp:commons-dbcp@1.4', 'commons-pool:commons-pool@1.6', 'log4j:log4j@1.2.17', 'org.apache.commons:commons-compress@1.19']],
    ['nested.jar', ['test:nested@0.0.1', 'test:nested2@0.0.2', 'test:nested3@0.0.3']],
    ['test.jar', ['org.springframework:Spring Framework@2.5.6.SEC03']],
    ['hadoop-shaded-guava-1.1.0-SNAPSHOT.jar', ['com.google.guava:failureaccess@1.0.1', 'com.google.guava:guava@29.0-jre', 'com.google.guava:listenablefuture@9999.0-empty-to-avoid-conflict-with-guava', 'com.google.j2objc:j2objc-annotations@1.3', 'org.apache.hadoop.thirdparty:hadoop-shaded-guava@1.1.0-SNAPSHOT']],
    ['io.quarkus.gizmo.gizmo-1.1.jar', ['io.quarkus.gizmo:gizmo@1.1', 'log4j:log4j@1.2.16', 'log4j:log4j@1.2.17', 'com.fasterxml.jackson.core:jackson-databind@2.12.3', 'com.fasterxml.jackson.core:jackson-databind@2.13.4']],
    ['multi-license-1.0.0.jar', ['com.example:multi-license@1.0.0']],
    ['license-from-jenkins-plugin.jar', ['com.example:jenkins-plugin@1.0.0']],
  ]
  for (const [file, want] of cases) {
    it(file, async () => {
      const { pkgs, warnings } = await cat(read(T + file), `opt/app/${file}`)
      expect(warnings).toEqual([])
      expect(ids(pkgs).sort()).toEqual([...want].sort())
    })
  }

  it('heuristic-1.0.0-SNAPSHOT.jar falls back to the file name (trivy needs Maven Central for the group)', async () => {
    const { pkgs } = await cat(read(T + 'heuristic-1.0.0-SNAPSHOT.jar'), 'heuristic-1.0.0-SNAPSHOT.jar')
    expect(ids(pkgs)).toEqual(['heuristic@1.0.0-SNAPSHOT'])
  })

  it('purl, location and virtual path of a nested jar', async () => {
    const { pkgs } = await cat(read(T + 'gradle.war'), 'srv/gradle.war')
    const log4j = pkgs.find((p) => p.name === 'log4j:log4j')!
    expect(log4j.purl).toBe('pkg:maven/log4j/log4j@1.2.17')
    expect(log4j.ecosystem).toBe('Maven')
    expect(log4j.locations).toEqual([{ path: 'srv/gradle.war', layer: 'sha256:l' }])
    expect(log4j.metadata!.virtualPath).toBe('srv/gradle.war:WEB-INF/lib/log4j-1.2.17.jar')
  })
})

describe.skipIf(!D)('Java archives against osv-scalibr expected.md', () => {
  const S = 'google__osv-scalibr/extractor/filesystem/language/java/archive/testdata/'
  it('simple.jar, guava-31.1-jre.jar, complex.jar', async () => {
    expect(ids((await cat(read(S + 'simple.jar'), 'simple.jar')).pkgs)).toEqual(['com.some.package:package-name@1.2.3'])
    expect(ids((await cat(read(S + 'guava-31.1-jre.jar'), 'guava-31.1-jre.jar')).pkgs)).toEqual(['com.google.guava:guava@31.1-jre'])
    expect(ids((await cat(read(S + 'complex.jar'), 'complex.jar')).pkgs).sort()).toEqual(['com.some.anotherpackage:another-package-name@3.2.1', 'com.some.package:package-name@1.2.3'])
  })

  it('nested at depth 10 is found; depth 100 stops at the limit with a warning', async () => {
    expect(ids((await cat(read(S + 'nested_at_10.jar'), 'nested_at_10.jar')).pkgs)).toEqual(['com.some.package:package-name@1.2.3'])
    const deep = await cat(read(S + 'nested_at_100.jar'), 'nested_at_100.jar')
    expect(deep.pkgs).toEqual([])
    expect(deep.warnings).toHaveLength(1)
    expect(deep.warnings[0]!.code).toBe('LIMIT_EXCEEDED')
    expect(deep.warnings[0]!.message).toMatch(new RegExp(`nested deeper than ${JAVA_LIMITS.maxDepth} archives`))
  })

  it('a manifest version with trailing build facts keeps its first word (osv-scalibr axis: 1.4)', async () => {
    const mf = read(S + 'axis/MANIFEST.MF')
    const { pkgs } = await cat(zip([{ name: 'META-INF/MANIFEST.MF', data: mf }]), 'axis.jar')
    expect(pkgs.map((p) => p.version)).toEqual(['1.4'])
  })

  it('an empty (valid, member-less) jar gives nothing; invalid ones are warnings, not throws', async () => {
    expect(await cat(read(S + 'empty.jar'), 'empty.jar')).toEqual({ pkgs: [], warnings: [] })
    for (const f of ['invalid_jar.jar', 'not_jar']) {
      const { pkgs, warnings } = await cat(read(S + f), f)
      expect(pkgs, f).toEqual([])
      expect(warnings.length, f).toBe(1)
    }
  })
})

/** Rewrite a {@link zip} archive into ZIP64 form: 0xffffffff fields with a ZIP64 extra field, ZIP64 end records. */
function toZip64(z: Uint8Array): Uint8Array {
  const dv = new DataView(z.buffer, z.byteOffset, z.byteLength)
  const eocd = z.length - 22
  const count = dv.getUint16(eocd + 10, true)
  const cdOff = dv.getUint32(eocd + 16, true)
  const centrals: Uint8Array[] = []
  let p = cdOff
  for (let i = 0; i < count; i++) {
    const n = dv.getUint16(p + 28, true)
    const old = z.subarray(p, p + 46 + n)
    const extra = new Uint8Array(4 + 24)
    const e = new DataView(extra.buffer)
    e.setUint16(0, 1, true)
    e.setUint16(2, 24, true)
    e.setBigUint64(4, BigInt(dv.getUint32(p + 24, true)), true)
    e.setBigUint64(12, BigInt(dv.getUint32(p + 20, true)), true)
    e.setBigUint64(20, BigInt(dv.getUint32(p + 42, true)), true)
    const c = new Uint8Array(old.length + extra.length)
    c.set(old)
    c.set(extra, old.length)
    const cv = new DataView(c.buffer)
    cv.setUint32(20, 0xffffffff, true)
    cv.setUint32(24, 0xffffffff, true)
    cv.setUint32(42, 0xffffffff, true)
    cv.setUint16(30, extra.length, true)
    centrals.push(c)
    p += 46 + n
  }
  const cdSize = centrals.reduce((a, c) => a + c.length, 0)
  const e64 = new Uint8Array(56 + 20 + 22)
  const v = new DataView(e64.buffer)
  v.setUint32(0, 0x06064b50, true)
  v.setBigUint64(4, BigInt(44), true)
  v.setBigUint64(24, BigInt(count), true)
  v.setBigUint64(32, BigInt(count), true)
  v.setBigUint64(40, BigInt(cdSize), true)
  v.setBigUint64(48, BigInt(cdOff), true)
  v.setUint32(56, 0x07064b50, true)
  v.setBigUint64(64, BigInt(cdOff + cdSize), true)
  v.setUint32(72, 1, true)
  v.setUint32(76, 0x06054b50, true)
  v.setUint16(76 + 8, 0xffff, true)
  v.setUint16(76 + 10, 0xffff, true)
  v.setUint32(76 + 12, 0xffffffff, true)
  v.setUint32(76 + 16, 0xffffffff, true)
  const out = new Uint8Array(cdOff + cdSize + e64.length)
  out.set(z.subarray(0, cdOff))
  let o = cdOff
  for (const c of centrals) {
    out.set(c, o)
    o += c.length
  }
  out.set(e64, o)
  return out
}

describe('zip layout variants', () => {
  const pom = 'groupId=g\nartifactId=z64\nversion=6.4\n'
  it('ZIP64 end records and extra fields', async () => {
    const z = toZip64(zip([{ name: 'META-INF/maven/g/z64/pom.properties', data: pom, deflate: true }, { name: 'README', data: 'x' }]))
    expect(listZipMembers(z).map((m) => [m.name, m.size])).toEqual([['META-INF/maven/g/z64/pom.properties', pom.length], ['README', 1]])
    expect(ids((await cat(z, 'z64.jar')).pkgs)).toEqual(['g:z64@6.4'])
  })

  it('bytes before the archive (an executable jar\'s launch script) shift every offset', async () => {
    const z = zip([{ name: 'META-INF/maven/g/z64/pom.properties', data: pom }])
    const script = new TextEncoder().encode('#!/bin/sh\nexec java -jar "$0" "$@"\n')
    const both = new Uint8Array(script.length + z.length)
    both.set(script)
    both.set(z, script.length)
    expect(ids((await cat(both, 'app.jar')).pkgs)).toEqual(['g:z64@6.4'])
    const both64 = toZip64(z)
    const pre64 = new Uint8Array(script.length + both64.length)
    pre64.set(script)
    pre64.set(both64, script.length)
    expect(ids((await cat(pre64, 'app.jar')).pkgs)).toEqual(['g:z64@6.4'])
  })
})

describe('bad input built here', () => {
  const pom = 'groupId=g\nartifactId=a\nversion=1.0\n'

  it('a zip bomb inside a jar: a member that inflates past its declared size stops with a warning', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024)
    const inner = zip([{ name: 'big.bin', data: zeros, deflate: true, declaredSize: 1024 }, { name: 'META-INF/maven/g/a/pom.properties', data: pom }])
    const outer = zip([{ name: 'BOOT-INF/lib/bomb.jar', data: inner, deflate: true }, { name: 'big.jar', data: zeros, deflate: true, declaredSize: 100 }])
    const { pkgs, warnings } = await cat(outer, 'app/app.jar')
    // The nested jar's pom.properties is still read; the bomb member is refused.
    expect(ids(pkgs)).toContain('g:a@1.0')
    expect(warnings.some((w) => w.code === 'LIMIT_EXCEEDED' && /inflates past its declared 100 bytes/.test(w.message))).toBe(true)
  })

  it('a nested archive larger than the nested limit is refused before inflating', async () => {
    const outer = zip([{ name: 'lib/huge.jar', data: new Uint8Array(16), deflate: true, declaredSize: JAVA_LIMITS.maxNestedBytes + 1 }])
    const { warnings } = await cat(outer, 'x.jar')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/exceed the limit/)
  })

  it('nested archives past the depth limit give one warning', async () => {
    let jar = zip([{ name: 'META-INF/maven/g/deep/pom.properties', data: 'groupId=g\nartifactId=deep\nversion=9\n' }])
    for (let i = 0; i < JAVA_LIMITS.maxDepth + 2; i++) jar = zip([{ name: `lib/level${i}.jar`, data: jar }])
    const { pkgs, warnings } = await cat(jar, 'deep.jar')
    expect(pkgs.map((p) => p.name)).not.toContain('g:deep')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/nested deeper than/)
  })

  it('a truncated jar is a warning through the cataloger', async () => {
    const bytes = zip([{ name: 'META-INF/maven/g/a/pom.properties', data: pom }]).slice(0, 40)
    const warnings: Warning[] = []
    const tree = createFileTree([{ path: 'a.jar', bytes, size: bytes.length, mode: 0o644, layer: 'sha256:l', layerIndex: 0 } satisfies ExtractedFile])
    expect(await javaArchiveCataloger.catalog({ tree, warn: (w) => warnings.push(w) })).toEqual([])
    expect(warnings[0]!.code).toBe('ARCHIVE_INVALID')
  })

  it('metadata parsers', () => {
    expect(parsePomProperties('#c\ngroupId = g\nartifactId: a\nversion=1\n')).toEqual({ groupId: 'g', artifactId: 'a', version: '1' })
    expect(parsePomProperties('artifactId=a\n')).toBeUndefined()
    expect(parseJavaManifest('A: 1\r\nB: long\r\n  value\r\n\r\nName: x\r\nA: 2\r\n')).toEqual({ A: '1', B: 'long value' })
    expect(javaNameFromFileName('spring-core-5.3.3.RELEASE.jar')).toEqual({ artifactId: 'spring-core', version: '5.3.3.RELEASE' })
    expect(javaNameFromFileName('app.jar')).toBeUndefined()
    expect(listZipMembers(zip([{ name: 'd/', data: '' }, { name: 'd/f', data: 'x' }])).map((m) => m.name)).toEqual(['d/f'])
  })
})
