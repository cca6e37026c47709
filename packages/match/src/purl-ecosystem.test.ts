import { describe, it, expect } from 'vitest'
import { sharedPath } from '../../../test/support/shared.ts'
import { legacyPurlToTarget as legacyReader } from '../../../bench/match/legacy-purl.mjs'
import { sbomPurls } from '../../../bench/match/purl-corpus.mjs'
import { distroEcosystem, purlToTarget } from './purl-ecosystem.ts'
import type { PurlTarget } from './purl-ecosystem.ts'

// Expectations below come from the purl spec (package-url/purl-spec test-suite-data.json
// vectors and docs/how-to-parse.md: type lower-cased, version after the last `@`,
// percent-decoded components, qualifier keys case-insensitive, subpath not part of the
// package) and from the rules in purlToTarget's and distroEcosystem's JSDoc.
describe('purlToTarget: purl spec vectors', () => {
  it('splits namespace, name and version (Maven joins group and artifact with `:`)', () => {
    expect(purlToTarget('pkg:maven/org.apache.commons/io@1.3.4')).toEqual({ type: 'maven', name: 'org.apache.commons:io', version: '1.3.4', ecosystem: 'Maven' })
    expect(purlToTarget('pkg:maven/org.apache.commons/io')).toStrictEqual({ type: 'maven', name: 'org.apache.commons:io', ecosystem: 'Maven' })
    expect(purlToTarget('pkg:maven/HTTPClient/HTTPClient@0.3-3')).toEqual({ type: 'maven', name: 'HTTPClient:HTTPClient', version: '0.3-3', ecosystem: 'Maven' })
  })
  it('lower-cases the type and ignores qualifiers it does not use', () => {
    expect(purlToTarget('pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repositorY_url=repo.spring.io/release')).toEqual({
      type: 'maven',
      name: 'org.apache.xmlgraphics:batik-anim',
      version: '1.9.1',
      ecosystem: 'Maven',
    })
    expect(purlToTarget('pkg:Nuget/EnterpriseLibrary.Common@6.0.1304')).toEqual({ type: 'nuget', name: 'EnterpriseLibrary.Common', version: '6.0.1304', ecosystem: 'NuGet' })
    expect(purlToTarget('pkg:gem/jruby-launcher@1.1.2?Platform=java')).toEqual({ type: 'gem', name: 'jruby-launcher', version: '1.1.2', ecosystem: 'RubyGems' })
  })
  it('drops the subpath', () => {
    expect(purlToTarget('pkg:GOLANG/google.golang.org/genproto#/googleapis/api/annotations/')).toStrictEqual({ type: 'golang', name: 'google.golang.org/genproto', ecosystem: 'Go' })
    expect(purlToTarget('pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/api/annotations/')).toEqual({ type: 'golang', name: 'google.golang.org/genproto', version: 'abcdedf', ecosystem: 'Go' })
  })
  it('percent-decodes namespace, version and qualifier values', () => {
    expect(purlToTarget('pkg:npm/%40angular/animation@12.3.1')).toEqual({ type: 'npm', name: '@angular/animation', version: '12.3.1', ecosystem: 'npm' })
    expect(purlToTarget('pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value')).toEqual({ type: 'maven', name: 'mygroup:myartifact', version: '1.0.0 Final', ecosystem: 'Maven' })
    expect(purlToTarget('pkg:npm/packageurl-js@0.0.7?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpackage-url%2Fpackageurl-js.git')).toEqual({ type: 'npm', name: 'packageurl-js', version: '0.0.7', ecosystem: 'npm' })
    expect(purlToTarget('pkg:deb/debian/libssl3@3.0.11-1?upstream=open%73sl&distro=debian-12')?.sourceName).toBe('openssl')
  })
  it('takes the version after the last `@`', () => {
    expect(purlToTarget('pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io')).toEqual({ type: 'docker', name: 'dockerimage', version: 'sha256:244fd47e07d1004f0aed9c' })
    expect(purlToTarget('pkg:golang/example.com/a@b/c@v1.0.0')).toEqual({ type: 'golang', name: 'example.com/a@b/c', version: 'v1.0.0', ecosystem: 'Go' })
  })
  it('reads qualifier keys in any case', () => {
    expect(purlToTarget('pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25')).toEqual({ type: 'rpm', name: 'curl', version: '7.50.3-1.fc25', ecosystem: 'Fedora:25' })
    expect(purlToTarget('pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie')).toEqual({ type: 'deb', name: 'curl', version: '7.50.3-1', ecosystem: 'Debian:8' })
  })
  it('maps the other language types of the suite', () => {
    expect(purlToTarget('pkg:cran/A3@0.9.1')).toEqual({ type: 'cran', name: 'A3', version: '0.9.1', ecosystem: 'CRAN' })
    expect(purlToTarget('pkg:hackage/AC-HalfInteger@1.2.1')).toEqual({ type: 'hackage', name: 'AC-HalfInteger', version: '1.2.1', ecosystem: 'Hackage' })
    expect(purlToTarget('pkg:swift/github.com/Alamofire/Alamofire@5.4.3')).toEqual({ type: 'swift', name: 'github.com/Alamofire/Alamofire', version: '5.4.3', ecosystem: 'SwiftURL' })
    expect(purlToTarget('pkg:conan/bincrafters/cctz@2.3?channel=stable')).toEqual({ type: 'conan', name: 'cctz', version: '2.3' })
  })
  it('refuses strings without the scheme, a type or a name', () => {
    expect(purlToTarget('EnterpriseLibrary.Common@6.0.1304')).toBeUndefined()
    expect(purlToTarget('pkg:EnterpriseLibrary.Common@6.0.1304')).toBeUndefined()
    expect(purlToTarget('pkg:hackage')).toBeUndefined()
    expect(purlToTarget('pkg:npm/')).toBeUndefined()
    expect(purlToTarget('pkg:npm/?x=1')).toBeUndefined()
    expect(purlToTarget('')).toBeUndefined()
  })
  it('ignores white space around the purl', () => {
    expect(purlToTarget(' \tpkg:npm/%40angular/animation@12.3.1\n')).toEqual(purlToTarget('pkg:npm/%40angular/animation@12.3.1'))
  })
})

describe('purlToTarget: distro rules (JSDoc)', () => {
  const eco = (purl: string) => purlToTarget(purl)?.ecosystem
  it('takes the release from distro=', () => {
    expect(eco('pkg:deb/debian/openssl@1.1.1n-0+deb11u3?distro=debian-11.2')).toBe('Debian:11')
    expect(eco('pkg:apk/alpine/musl@1.1.22-r3?distro=alpine-3.10.2')).toBe('Alpine:v3.10')
    expect(eco('pkg:rpm/almalinux/openssl@1.1.1k-5.el8?distro=almalinux-8.5')).toBe('AlmaLinux:8')
    expect(eco('pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1?distro=ubuntu-22.04')).toBe('Ubuntu:22.04')
    expect(eco('pkg:rpm/amazon/openssl@1.0.2k-24.amzn2?distro=amzn-2')).toBe('Amazon Linux:2')
    expect(eco('pkg:rpm/amazon/openssl@1.0.2k-16.159.amzn1?distro=amzn-2018.03')).toBe('Amazon Linux:1')
    expect(eco('pkg:rpm/oracle/openssl@1.1.1k-7.el8?distro=ol-8.6')).toBe('Oracle Linux:8')
    expect(eco('pkg:rpm/redhat/openssl@3.0.7-16.el9?distro=rhel-9.2')).toBe('Red Hat:9')
    expect(eco('pkg:rpm/fedora/openssl@3.1.1-4.fc40?distro=fedora-40')).toBe('Fedora:40')
    expect(eco('pkg:rpm/photon/openssl@3.0.9-1.ph4?distro=photon-4.0')).toBe('Photon OS:4.0')
  })
  it('names Debian releases by codename too', () => {
    expect(eco('pkg:deb/debian/curl@7.64.0-4?distro=buster')).toBe('Debian:10')
    expect(eco('pkg:deb/debian/curl@7.88.1-10?distro=bookworm')).toBe('Debian:12')
    expect(eco('pkg:deb/debian/curl@7.52.1-5?distro=stretch')).toBe('Debian:9')
  })
  it('reads the source package from upstream= (rpm source file names reduced to the name)', () => {
    expect(purlToTarget('pkg:rpm/almalinux/openssl-libs@1.1.1k-5.el8_5?upstream=openssl-1.1.1k-5.el8_5.src.rpm&distro=almalinux-8.5')?.sourceName).toBe('openssl')
    expect(purlToTarget('pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u3?upstream=openssl&distro=debian-11')?.sourceName).toBe('openssl')
  })
  it('joins the rpm epoch to the version as E:V-R', () => {
    expect(purlToTarget('pkg:rpm/almalinux/openssl@1.1.1k-5.el8?epoch=1&distro=almalinux-8.5')).toEqual({ type: 'rpm', name: 'openssl', version: '1:1.1.1k-5.el8', ecosystem: 'AlmaLinux:8' })
  })
  it('compares Go stdlib versions without the go prefix', () => {
    expect(purlToTarget('pkg:golang/stdlib@go1.21.3')).toEqual({ type: 'golang', name: 'stdlib', version: '1.21.3', ecosystem: 'Go' })
  })
  it('knows no type or distro named like an Object property', () => {
    expect(purlToTarget('pkg:constructor/x@1')).toEqual({ name: 'x', type: 'constructor', version: '1' })
    expect(purlToTarget('pkg:toString/x@1')?.ecosystem).toBeUndefined()
    expect(purlToTarget('pkg:rpm/constructor/x@1?distro=constructor-9')?.ecosystem).toBeUndefined()
    expect(purlToTarget('pkg:rpm/x/y@1?distro=__proto__-9')?.ecosystem).toBeUndefined()
  })

  it('agrees with distroEcosystem on the id and release it reads', () => {
    expect(eco('pkg:apk/alpine/zlib@1.2.13-r0?distro=alpine-3.17.1')).toBe(distroEcosystem('alpine', '3.17.1'))
  })
})

// ---------------------------------------------------------------------------------------
// Differential test: the single-scan purlToTarget against a frozen copy of the regex
// version it replaced (bench/match/legacy-purl.mjs, shared with the purl bench). Frozen on
// purpose: do not "fix" it, it defines the behaviour.
const legacyPurlToTarget = legacyReader(distroEcosystem) as (purl: string) => PurlTarget | undefined

/** Purls that probe the odd corners, seeds for the mutations too. */
const SEEDS = [
  'pkg:npm/lodash@4.17.21',
  'pkg:npm/%40babel/core@7.0.0',
  'pkg:npm/%40babel%2Fcore@7.0.0',
  'pkg:npm/@babel/core@7.0.0',
  'pkg:npm/@1.0',
  'pkg:npm//x@1',
  'pkg:npm///x@1',
  'pkg:npm/a/@1',
  'pkg:npm/a//b@',
  'pkg:npm/x@',
  'pkg:npm/x@1@2',
  'pkg:npm/x%zz/y%E2%82@1%',
  'pkg:npm/x?',
  'pkg:npm/x#',
  'pkg:npm/x?#',
  'pkg:npm/x#a?b@c',
  'pkg:npm/x#a\nb',
  'pkg:npm/x#a\rb',
  'pkg:npm/x?a#\u2029',
  'pkg:npm/x\n@1?a=\nb',
  'pkg:npm/x?a=b#c\u2028',
  'PKG:npm/x@1',
  'pkg:NPM/x@1',
  'pkg:n.p+m-/x@1',
  'pkg:npm1/x@1',
  'pkg:/npm/x@1',
  'pkg:constructor/x@1',
  'pkg:toString/x@1',
  'pkg:golang/stdlib@go1.20.4',
  'pkg:golang/stdlib@go',
  'pkg:golang/%73tdlib@go1.2',
  'pkg:golang//stdlib@go1.2',
  'pkg:golang/github.com/gin-gonic/gin@v1.7.0',
  'pkg:golang/example.com/mod@v1.0.0/sub',
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
  'pkg:maven/log4j@1.2',
  'pkg:composer/laravel/framework@7.12.0',
  'pkg:swift/github.com/apple/swift-nio@2.0.0',
  'pkg:pypi/django@4.2',
  'pkg:pypi/ns/django@4.2',
  'pkg:cargo/serde@1.0.0',
  'pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u3?arch=amd64&upstream=openssl&distro=debian-11',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=bullseye',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=Bullseye',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=constructor',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=__proto__',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=debian-bullseye',
  'pkg:deb/DEBIAN/curl@7.74.0-1.3',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=debian-11&distro=',
  'pkg:deb/debian/curl@7.74.0-1.3?distro=&distro=debian-10',
  'pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.4?distro=ubuntu-22.04&upstream=curl@7.81.0',
  'pkg:deb/ubuntu/curl@7.81.0?upstream=&origin=curl',
  'pkg:deb/ubuntu/curl@7.81.0?origin=curl&UPSTREAM=c%75rl',
  'pkg:deb/debian/x@1?distro=debian--11',
  'pkg:deb/debian/x@1?distro=-debian-11',
  'pkg:deb/debian/x@1?distro=debian_x-y-11',
  'pkg:deb/debian/x@1?distro=debian-11%0A',
  'pkg:deb/debian/x@1?distro=debian-11%0D',
  'pkg:deb/debian/x@1?distro=debian-1%E2%80%A8',
  'pkg:deb/debian/x@1?distro=DEBIAN-11&=x&distro&&',
  'pkg:apk/alpine/libcrypto1.1@1.1.1d-r2?arch=x86_64&upstream=openssl&distro=alpine-3.10.2',
  'pkg:apk/alpine/zlib@1.2.12-r1?arch=x86_64&distro=3.22.0&origin=zlib',
  'pkg:apk/alpine/zlib@1.2.12-r1?distro=edge',
  'pkg:apk/wolfi/glibc@2.38-r1?distro=wolfi-20230201',
  'pkg:rpm/almalinux/openssl-libs@1.1.1k-5.el8_5?arch=x86_64&epoch=1&upstream=openssl-1.1.1k-5.el8_5.src.rpm&distro=almalinux-8.5',
  'pkg:rpm/redhat/x@1-2?epoch=0&upstream=.src.rpm',
  'pkg:rpm/redhat/x@1:2-3?epoch=2&upstream=-a-b',
  'pkg:rpm/redhat/x@1-3?Epoch=2&upstream=a--b&upstream=foo-1-2',
  'pkg:rpm/redhat/x@1-3?epoch=2&upstream=foo-1-',
  'pkg:rpm/redhat/x@1-3?upstream=a-bsrc.rpm',
  'pkg:rpm/%61lmalinux/x@1?distro=8.5',
  'pkg:deb/deb%69an/curl@7.74.0?distro=bullseye',
  'pkg:deb/deb%ZZ/deb%69an/curl@7.74.0?distro=bullseye',
  'pkg:rpm/redhat/x?epoch=2',
  'pkg:rpm/suse/openssl@1.1.1d-11.20.1?distro=sles-15.1',
  'pkg:rpm/opensuse/curl@8.0.1-1.1?distro=opensuse-leap-15.5',
  'pkg:rpm/opensuse/curl@8.0.1-1.1?distro=OpenSUSE-Tumbleweed',
  'pkg:rpm/amazon/x@1?distro=amzn-2018.03',
  'pkg:rpm/rocky/x@1?distro=roc\u212Ay-9.1',
  'pkg:rpm/ROC\u212AY/x@1',
  'pkg:rpm/photon/x@1?distro=photon-4',
  'pkg:alpm/arch/pacman@6.0.1-1?distro=arch',
  'pkg:deb/debian/x@1?upstream=foo#a&b',
  'pkg:deb/debian/x@1?upstream=a=b#c=d&origin=e',
  'pkg:deb/debian/x@1?distro=debian-11#&distro=buster',
  'pkg:rpm/redhat/x@1?epoch=1#&epoch=3',
  'pkg:n_pm/x@1',
  'pkg:npm_/x@1',
  'pkg:npm/x@1\u00a0',
  'pkg:deb/debian/x@1?d\u0130stro=debian-11',
  '  pkg:npm/x@1  ',
  '\ufeffpkg:npm/x@1\u3000',
  'pkg:npm/x@1\u00e9',
  'pkg:',
  'pkg:npm',
  'pkg:npm/',
  'pkg:npm/#',
  'pkg:npm/%',
  '',
  ' ',
]

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const INSERTS = ['%', '%2', '%40', '%2F', '%zz', '%C3%A9', '%E2', '%F0%9F%98', '@', '@go', '?', '#', '&', '=', '/', '//', ' ', '\n', '\r', '\t', '\u2028', '\u2029', '-', '_', '1', '.', ':', 'go', '&distro=debian-11', '&DISTRO=bullseye', '?distro=alpine-3.18.4', '&epoch=2', '&upstream=foo-1.0-1.src.rpm', '&origin=bar@1', '&upstream=', '#sub/path']
const TYPES = ['npm', 'NPM', 'golang', 'pypi', 'maven', 'deb', 'apk', 'rpm', 'alpm', 'Rpm', 'composer', 'swift', 'generic', 'constructor', 'oci', '']

function mutate(s: string, r: () => number): string {
  const n = 1 + Math.floor(r() * 3)
  for (let k = 0; k < n; k++) {
    const pos = Math.floor(r() * (s.length + 1))
    switch (Math.floor(r() * 7)) {
      case 0:
      case 1:
        s = s.slice(0, pos) + INSERTS[Math.floor(r() * INSERTS.length)] + s.slice(pos)
        break
      case 2: {
        // Toggle the case of one character, or of the whole string.
        if (r() < 0.2) s = r() < 0.5 ? s.toUpperCase() : s.toLowerCase()
        else {
          const c = s.charAt(pos)
          s = s.slice(0, pos) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + s.slice(pos + 1)
        }
        break
      }
      case 3:
        s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(r() * 3))
        break
      case 4:
        s = r() < 0.5 ? ` ${s}` : `${s}${r() < 0.5 ? ' ' : '\n'}`
        break
      case 5: {
        const slash = s.indexOf('/')
        if (s.startsWith('pkg:') && slash > 0) s = `pkg:${TYPES[Math.floor(r() * TYPES.length)]}${s.slice(slash)}`
        break
      }
      default: {
        // Repeat a piece of the purl elsewhere (a second `@`, `?` or namespace segment).
        const from = Math.floor(r() * s.length)
        s = s.slice(0, pos) + s.slice(from, from + 1 + Math.floor(r() * 6)) + s.slice(pos)
      }
    }
  }
  return s
}


/** The inputs where the two implementations disagree (deep-equal and same key order). */
function differences(purls: Iterable<string>): { purl: string; got: unknown; want: unknown }[] {
  const bad: { purl: string; got: unknown; want: unknown }[] = []
  for (const purl of purls) {
    const got = purlToTarget(purl)
    const want = legacyPurlToTarget(purl)
    let same = got === want
    if (!same && got && want) {
      const gk = Object.keys(got)
      const wk = Object.keys(want)
      same = gk.length === wk.length && gk.every((k, i) => k === wk[i] && (got as unknown as Record<string, unknown>)[k] === (want as unknown as Record<string, unknown>)[k])
    }
    if (!same) bad.push({ purl, got, want })
  }
  return bad
}

describe('purlToTarget: same answers as the regex implementation it replaced', () => {
  it('on the seed purls and their mutations', () => {
    expect(differences(SEEDS)).toEqual([])
    const r = rng(0x5eed)
    const mutated: string[] = []
    for (let k = 0; k < 6000; k++) mutated.push(mutate(SEEDS[Math.floor(r() * SEEDS.length)]!, r))
    expect(differences(mutated)).toEqual([])
    // The mutations reach both outcomes and every branch family.
    const results = mutated.map((p) => purlToTarget(p))
    expect(results.filter((t) => t === undefined).length).toBeGreaterThan(300)
    expect(results.filter((t) => t?.sourceName !== undefined).length).toBeGreaterThan(100)
    expect(results.filter((t) => typeof t?.ecosystem === 'string' && t.ecosystem.startsWith('Debian')).length).toBeGreaterThan(100)
  })

  const sboms = sharedPath('data/sboms')
  describe.skipIf(!sboms)('on the staged SBOMs', () => {
    const purls = sboms ? sbomPurls(sboms) : []
    it('on every purl they carry', () => {
      expect(purls.length).toBeGreaterThan(3000)
      expect(differences(purls)).toEqual([])
      // purlToTarget remembers the last distro release it read: answers must not depend on order.
      const r = rng(7)
      const shuffled = purls.map((p) => [r(), p] as const).sort((a, b) => a[0] - b[0]).map(([, p]) => p)
      expect(differences(shuffled)).toEqual([])
      expect(purls.filter((p) => purlToTarget(p)?.ecosystem).length).toBeGreaterThan(2000)
    })
    it('on mutations of them', () => {
      const r = rng(42)
      const mutated: string[] = []
      for (let k = 0; k < 4000; k++) mutated.push(mutate(purls[Math.floor(r() * purls.length)]!, r))
      expect(differences(mutated)).toEqual([])
    })
  })
})
