import { describe, it, expect } from 'vitest'
import { parseAlpineSecdb } from './alpine-secdb.ts'
import { parseDebianAdvisoryList, parseDebianTrackerJson, debianEcosystem } from './debian.ts'
import { parseRustSec, cargoToNodeSemver } from './rustsec.ts'
import { parseRubySec } from './rubysec.ts'
import { parseFriendsOfPhp } from './friendsofphp.ts'
import { parseNodejsWg } from './nodejs-wg.ts'
import { parseTomlLite } from './toml-lite.ts'

describe('Alpine secdb', () => {
  const doc = {
    distroversion: 'v3.9',
    packages: [
      { pkg: { name: 'musl', secfixes: { '1.1.20-r5': ['CVE-2019-14697'], '0': ['CVE-2017-15650'] } } },
      { pkg: { name: 'openssl', secfixes: { '1.1.1b-r1': ['CVE-2019-1543 CVE-2019-1544'] } } },
      { pkg: { name: 'xen', secfixes: { '4.11.1-r0': ['XSA-275'] } } },
    ],
  }
  const r = parseAlpineSecdb(doc)
  it('makes one advisory per CVE with the release ecosystem and a fixed event', () => {
    const musl = r.advisories.find((a) => a.id === 'CVE-2019-14697')!
    expect(musl.affected).toEqual([{ ecosystem: 'Alpine:v3.9', name: 'musl', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.20-r5' }] }] }])
    expect(r.advisories.map((a) => a.id).sort()).toEqual(['CVE-2019-14697', 'CVE-2019-1543', 'CVE-2019-1544'])
  })
  it('treats fixed version 0 as never affected and explains non-CVE ids', () => {
    expect(r.advisories.some((a) => a.id === 'CVE-2017-15650')).toBe(false)
    expect(r.skipped).toContain('fixed version "0": release never affected')
    expect(r.skipped.some((s) => s.includes('not a CVE'))).toBe(true)
  })
})

describe('Debian', () => {
  it('maps codenames to release numbers', () => {
    expect(debianEcosystem('bullseye')).toBe('Debian:11')
    expect(debianEcosystem('sid')).toBeUndefined()
  })
  it('reads DSA lists with CVE aliases, not-affected and unfixed lines', () => {
    const text = [
      '[29 Mar 2023] DSA-5380-1 xorg-server - security update',
      '\t{CVE-2023-1393}',
      '\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6',
      '\t[buster] - xorg-server <not-affected> (Vulnerable code not present)',
      '[17 Mar 2023] DSA-5356-2 sox - regression update',
      '\t[bullseye] - sox <end-of-life>',
    ].join('\n')
    const r = parseDebianAdvisoryList(text)
    expect(r.advisories[0]).toMatchObject({ id: 'DSA-5380-1', aliases: ['CVE-2023-1393'] })
    expect(r.advisories[0]!.affected).toEqual([{ ecosystem: 'Debian:11', name: 'xorg-server', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2:1.20.11-1+deb11u6' }] }] }])
    expect(r.advisories[1]!.affected[0]!.status).toBe('wont-fix')
    expect(r.skipped).toEqual(['package marked <not-affected> for the release'])
  })
  it('reads tracker JSON: resolved, 0 = not affected, open with urgency', () => {
    const r = parseDebianTrackerJson({
      zlib: {
        'CVE-2018-25032': {
          description: 'zlib before 1.2.12 allows memory corruption',
          releases: {
            bullseye: { status: 'resolved', fixed_version: '1:1.2.11.dfsg-2+deb11u1', urgency: 'not yet assigned' },
            bookworm: { status: 'resolved', fixed_version: '0', urgency: 'not yet assigned' },
            buster: { status: 'open', urgency: 'low', nodsa_reason: 'ignored' },
            sid: { status: 'resolved', fixed_version: '1:1.2.11.dfsg-4' },
          },
        },
      },
    })
    const a = r.advisories[0]!
    expect(a.affected.map((e) => e.ecosystem)).toEqual(['Debian:11', 'Debian:10'])
    expect(a.affected[1]).toMatchObject({ status: 'wont-fix', severity: { type: 'RATING', rating: 'LOW' } })
    expect(r.skipped).toContain('fixed version "0": release never affected')
  })
})

describe('RustSec', () => {
  const md = [
    '```toml',
    '[advisory]',
    'id = "RUSTSEC-2016-0002"',
    'package = "hyper"',
    'aliases = ["CVE-2016-10932", "GHSA-9xjr-m6f3-v5wm"]',
    'cvss = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N"',
    '',
    '[versions]',
    'patched = [">= 0.9.4"]',
    '```',
    '',
    '# HTTPS MitM vulnerability due to lack of hostname verification',
  ].join('\n')
  it('reads front matter, patched requirements and the title', () => {
    const a = parseRustSec(md).advisories[0]!
    expect(a).toMatchObject({ id: 'RUSTSEC-2016-0002', aliases: ['CVE-2016-10932', 'GHSA-9xjr-m6f3-v5wm'], summary: 'HTTPS MitM vulnerability due to lack of hostname verification' })
    expect(a.affected[0]).toMatchObject({ ecosystem: 'crates.io', name: 'hyper', nativeUnaffected: ['>=0.9.4'], fixed: ['>= 0.9.4'] })
    expect(a.severities[0]!.score).toBe(4.8)
  })
  it('skips withdrawn advisories', () => {
    expect(parseRustSec(md.replace('package = "hyper"', 'package = "hyper"\nwithdrawn = "2020-10-08"')).skipped).toEqual(['withdrawn'])
  })
  it('translates Cargo requirements (bare version = caret, comma = and)', () => {
    expect(cargoToNodeSemver('>= 1.2, < 2')).toBe('>=1.2 <2')
    expect(cargoToNodeSemver('0.3.1')).toBe('^0.3.1')
  })
  it('reads multi-line arrays and quoted keys', () => {
    expect(parseTomlLite('[a.functions]\n"x::y" = [\n  "<= 0.1", # c\n  "= 0.2",\n]\n')).toEqual({ a: { functions: { 'x::y': ['<= 0.1', '= 0.2'] } } })
  })
})

describe('ruby-advisory-db, FriendsOfPHP, nodejs-wg', () => {
  it('reads a gem advisory, GHSA first', () => {
    const a = parseRubySec({ gem: 'rack', cve: '2011-5036', ghsa: 'v6j3-7jrw-hq2p', cvss_v2: 5.0, patched_versions: ['~> 1.1.3', '>= 1.4.0'] }).advisories[0]!
    expect(a.id).toBe('GHSA-v6j3-7jrw-hq2p')
    expect(a.aliases).toEqual(['CVE-2011-5036'])
    expect(a.affected[0]!.nativeUnaffected).toEqual(['~> 1.1.3', '>= 1.4.0'])
  })
  it('skips interpreter advisories with the reason', () => {
    expect(parseRubySec({ engine: 'ruby', cve: '2020-1', patched_versions: [] }).skipped[0]).toMatch(/interpreter/)
  })
  it('reads FriendsOfPHP branches as and-ed Composer constraints', () => {
    const a = parseFriendsOfPhp({ title: 'x', cve: 'CVE-2013-1', reference: 'composer://twig/twig', branches: { '1.x': { versions: ['>=1.0.0', '<1.12.3'] } } }, 'a.yaml').advisories[0]!
    expect(a.affected[0]).toMatchObject({ ecosystem: 'Packagist', name: 'twig/twig', native: ['>=1.0.0,<1.12.3'], fixed: ['1.12.3'] })
  })
  it('reads nodejs-wg npm advisories and skips core ones', () => {
    const a = parseNodejsWg({ id: 1, module_name: 'bassmaster', vulnerable_versions: '<=1.5.1', patched_versions: '>=1.5.2', cves: ['CVE-2014-7205'] }).advisories[0]!
    expect(a).toMatchObject({ id: 'NSWG-ECO-1', aliases: ['CVE-2014-7205'] })
    expect(a.affected[0]).toMatchObject({ ecosystem: 'npm', native: ['<=1.5.1'] })
    expect(parseNodejsWg({ cve: ['CVE-1'], vulnerable: '8.x', patched: '^8.1.4' }).skipped[0]).toMatch(/core/)
  })
})

describe('Red Hat CSAF VEX', () => {
  const doc = {
    document: { csaf_version: '2.0', publisher: { name: 'Red Hat Product Security' }, title: 'pam: x', tracking: { id: 'CVE-2024-10041' } },
    product_tree: {
      branches: [
        { category: 'product_version', name: 'Red Hat Enterprise Linux 9', product: { product_id: 'BaseOS-9.5.0.Z.MAIN', product_identification_helper: { cpe: 'cpe:/o:redhat:enterprise_linux:9::baseos' } } },
        { category: 'product_name', name: 'RHEL 7', product: { product_id: 'red_hat_enterprise_linux_7', product_identification_helper: { cpe: 'cpe:/o:redhat:enterprise_linux:7' } } },
      ],
      relationships: [
        { product_reference: 'pam-0:1.5.1-21.el9_5.x86_64', relates_to_product_reference: 'BaseOS-9.5.0.Z.MAIN', full_product_name: { product_id: 'BaseOS-9.5.0.Z.MAIN:pam-0:1.5.1-21.el9_5.x86_64' } },
        { product_reference: 'pam-0:1.5.1-21.el9_5.aarch64', relates_to_product_reference: 'BaseOS-9.5.0.Z.MAIN', full_product_name: { product_id: 'BaseOS-9.5.0.Z.MAIN:pam-0:1.5.1-21.el9_5.aarch64' } },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2024-10041',
        threats: [{ category: 'impact', details: 'Moderate' }],
        remediations: [
          { category: 'vendor_fix', product_ids: ['BaseOS-9.5.0.Z.MAIN:pam-0:1.5.1-21.el9_5.x86_64', 'BaseOS-9.5.0.Z.MAIN:pam-0:1.5.1-21.el9_5.aarch64'] },
          { category: 'no_fix_planned', product_ids: ['red_hat_enterprise_linux_7:pam'] },
        ],
      },
    ],
  }
  it('turns vendor fixes into per-release fixed versions and no_fix_planned into wont-fix', async () => {
    const { parseRedHatCsaf, isRedHatCsaf } = await import('./redhat-csaf.ts')
    expect(isRedHatCsaf(doc)).toBe(true)
    const a = parseRedHatCsaf(doc).advisories[0]!
    expect(a.severities[0]).toMatchObject({ type: 'RATING', rating: 'MEDIUM' })
    expect(a.affected).toEqual([
      { ecosystem: 'Red Hat:9', name: 'pam', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.5.1-21.el9_5' }] }] },
      { ecosystem: 'Red Hat:7', name: 'pam', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'wont-fix' },
    ])
  })
})

describe('OVAL', () => {
  const xml = `<?xml version="1.0"?><oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"><definitions>
<definition id="oval:com.oracle.elsa:def:20070057" version="501" class="patch"><metadata>
<title>ELSA-2007-0057:  Moderate: bind security update  (MODERATE)</title>
<affected family="unix"><platform>Oracle Linux 5</platform></affected>
<reference source="elsa" ref_id="ELSA-2007-0057" ref_url="http://linux.oracle.com/errata/ELSA-2007-0057.html"/>
<reference source="CVE" ref_id="CVE-2007-0493" ref_url="http://linux.oracle.com/cve/CVE-2007-0493.html"/>
<advisory><severity>MODERATE</severity><issued date="2007-06-26"/></advisory></metadata>
<criteria operator="AND"><criterion test_ref="t1" comment="Oracle Linux 5 is installed"/>
<criteria operator="OR"><criteria operator="AND"><criterion test_ref="t2" comment="bind-devel is earlier than 30:9.3.3-8.el5"/><criterion test_ref="t3" comment="bind-devel is signed with the Oracle Linux 5 key"/></criteria></criteria></criteria>
</definition>
<definition class="vulnerability" id="oval:com.microsoft.cbl-mariner:def:44771" version="1"><metadata>
<title>CVE-2023-29404 affecting package golang for versions less than 1.20.7-1</title><affected family="unix"><platform>CBL-Mariner</platform></affected>
<reference ref_id="CVE-2023-29404" ref_url="https://nvd.nist.gov/vuln/detail/CVE-2023-29404" source="CVE"/><severity>Critical</severity></metadata>
<criteria operator="AND"><criterion comment="Package golang is earlier than 1.20.7-1, affected by CVE-2023-29404" test_ref="t4"/><criterion comment="Package golang is greater than 1.19.0, affected by CVE-2023-29404" test_ref="t5"/></criteria>
</definition></definitions></oval_definitions>`
  it('reads fixes per release from criterion comments', async () => {
    const { parseOval } = await import('./oval.ts')
    const r = parseOval(xml, 'cbl-mariner-2.0-oval.xml')
    expect(r.advisories[0]).toMatchObject({ id: 'ELSA-2007-0057', aliases: ['CVE-2007-0493'], published: '2007-06-26' })
    expect(r.advisories[0]!.affected).toEqual([{ ecosystem: 'Oracle Linux:5', name: 'bind-devel', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '30:9.3.3-8.el5' }] }] }])
    expect(r.advisories[0]!.severities[0]).toMatchObject({ rating: 'MEDIUM' })
    expect(r.advisories[1]!.affected).toEqual([{ ecosystem: 'Mariner:2', name: 'golang', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.19.0' }, { fixed: '1.20.7-1' }] }] }])
  })
})

describe('Red Hat security data CVE JSON', () => {
  it('reads fixes per mainline RHEL release and unfixed package states', async () => {
    const { parseRedHatCveJson } = await import('./redhat-cve.ts')
    const r = parseRedHatCveJson({
      name: 'CVE-2019-0160',
      threat_severity: 'Critical',
      cvss3: { cvss3_scoring_vector: 'CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L' },
      affected_release: [
        { product_name: 'Red Hat Enterprise Linux 7', package: 'ovmf-20180508-6.gitee3198e672e2.el7', cpe: 'cpe:/o:redhat:enterprise_linux:7' },
        { product_name: 'Red Hat Enterprise Linux 8.2 EUS', package: 'edk2-20190308git89910a39dcfd-6.el8', cpe: 'cpe:/a:redhat:rhel_eus:8.2' },
      ],
      package_state: [
        { product_name: 'Red Hat Enterprise Linux 6', fix_state: 'Will not fix', package_name: 'ovmf', cpe: 'cpe:/o:redhat:enterprise_linux:6' },
        { product_name: 'Red Hat Enterprise Linux 9', fix_state: 'Not affected', package_name: 'edk2', cpe: 'cpe:/o:redhat:enterprise_linux:9' },
      ],
    })
    const a = r.advisories[0]!
    expect(a.affected).toEqual([
      { ecosystem: 'Red Hat:7', name: 'ovmf', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '20180508-6.gitee3198e672e2.el7' }] }] },
      { ecosystem: 'Red Hat:6', name: 'ovmf', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'wont-fix' },
    ])
    expect(a.severities.map((s) => s.rating)).toEqual(['CRITICAL', 'MEDIUM'])
    expect(a.severities[1]!.score).toBe(5.9) // the record's own cvss3_base_score
    expect(r.skipped).toHaveLength(2)
  })
})

describe('SUSE CVRF', () => {
  it('maps products to SUSE / openSUSE releases and reads fixed NVRs', async () => {
    const { parseSuseCvrf, suseEcosystem } = await import('./suse-cvrf.ts')
    expect(suseEcosystem('SUSE Linux Enterprise Module for Containers 15 SP1')).toBe('SUSE:15.1')
    expect(suseEcosystem('SUSE Package Hub for SUSE Linux Enterprise 15')).toBe('SUSE:15')
    expect(suseEcosystem('openSUSE Leap 15.1')).toBe('openSUSE:15.1')
    expect(suseEcosystem('SUSE Linux Enterprise Micro 5.3')).toBe('SUSE Micro:5.3')
    const r = parseSuseCvrf({
      Title: 'Security update for GraphicsMagick',
      Tracking: { ID: 'openSUSE-SU-2019:0003-1' },
      ProductTree: {},
      Vulnerabilities: [{ CVE: 'CVE-2018-20184', Threats: [{ Type: 'Impact', Severity: 'moderate' }], ProductStatuses: [{ Type: 'Fixed', ProductID: ['SUSE Package Hub for SUSE Linux Enterprise 15:GraphicsMagick-devel-1.3.29-bp150.2.12.1', 'Some Other Product 1:x-1-1'] }] }],
    })
    expect(r.advisories[0]).toMatchObject({ id: 'CVE-2018-20184', aliases: ['openSUSE-SU-2019:0003-1'] })
    expect(r.advisories[0]!.affected).toEqual([{ ecosystem: 'SUSE:15', name: 'GraphicsMagick-devel', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.3.29-bp150.2.12.1' }] }] }])
    expect(r.skipped).toHaveLength(1)
  })
})
