// The native distro feeds against the real samples in ../shared/data/osv. Every
// expected value below was read by eye from the named sample file (package, build,
// release directory, severity word), not produced by these parsers.
import { describe, it, expect, beforeAll } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Inventory } from '@stowaway/core'
import type { Advisory } from '../advisory.ts'
import { AdvisoryDb, buildDb } from '../db.ts'
import { ingestDocument } from '../ingest-document.ts'
import { ingestTree } from '../ingest-tree.ts'
import { matchInventory } from '../match.ts'
import { nodeFileSystem } from '../node-fs.node.ts'
import { sharedPath } from '../../../../test/support/shared.ts'

const osv = sharedPath('data/osv')
const TRIVY = 'aquasecurity__trivy-db/pkg/vulnsrc'
const VUNNEL = 'anchore__vunnel/tests/unit/providers'

const SAMPLES = {
  alas2: `${TRIVY}/amazon/testdata/happy/vuln-list/amazon/2/ALAS2-2021-1699.json`,
  alas1: `${TRIVY}/amazon/testdata/happy/vuln-list/amazon/1/ALAS-2018-1093.json`,
  alas2022: `${TRIVY}/amazon/testdata/happy/vuln-list/amazon/2022/ALAS2022-2021-003.json`,
  rocky: `${TRIVY}/rocky/testdata/happy/vuln-list/rocky/8.5/BaseOS/x86_64/2021/RLSA-2021-1989.json`,
  rockyModule: `${TRIVY}/rocky/testdata/modular/vuln-list/rocky/8.6/BaseOS/x86_64/2021/RLSA-2021-1979.json`,
  almaModule: `${TRIVY}/alma/testdata/happy/vuln-list/alma/8/2021/ALSA-2021-3076.json`,
  ubuntu: `${TRIVY}/ubuntu/testdata/vuln-list/ubuntu/CVE-2020-1234.json`,
  ubuntuVunnel: `${VUNNEL}/ubuntu/test-fixtures/normalized-cve-data/CVE-2012-5124`,
  oracleJson: `${TRIVY}/oracle-oval/testdata/happy/vuln-list/oval/oracle/2007/ELSA-2007-0057.json`,
  oracleKsplice: `${TRIVY}/oracle-oval/testdata/ksplice/vuln-list/oval/oracle/2021/ELSA-2021-9280.json`,
  redhatOval: `${TRIVY}/redhat-oval/testdata/happy/vuln-list-redhat/oval/8/rhel-8-including-unpatched/definitions/2020/RHSA-2020-5624.json`,
  redhatUnpatched: `${TRIVY}/redhat-oval/testdata/happy/vuln-list-redhat/oval/8/rhel-8-including-unpatched/definitions/2020/CVE-2020-14342.json`,
  redhatModule: `${TRIVY}/redhat-oval/testdata/happy/vuln-list-redhat/oval/8/rhel-8-including-unpatched/definitions/2020/RHSA-2020-4751.json`,
  redhatEus: `${TRIVY}/redhat-oval/testdata/happy/vuln-list-redhat/oval/8/rhel-8.1-eus/definitions/2020/RHSA-2020-9999.json`,
  redhatList: `${VUNNEL}/rhel/test-fixtures/oval/input/cve/min/CVE-2017-3509`,
  bodhi: `${VUNNEL}/fedora/test-fixtures/input/FEDORA-2025-ddd4444444.json`,
  bodhiEpel: `${VUNNEL}/fedora/test-fixtures/merge-input/FEDORA-EPEL-2014-4901.json`,
  photon: `${VUNNEL}/photon/test-fixtures/input/cve_data_photon4.0.json`,
  suseOval: `${VUNNEL}/sles/test-fixtures/suse_truncated.xml`,
} as const

async function ingest(rel: string) {
  const path = `${osv}/${rel}`
  return ingestDocument(path, new Uint8Array(readFileSync(path)))
}

const fixedOf = (a: Advisory, name: string, eco?: string) => a.affected.find((p) => p.name === name && (!eco || p.ecosystem === eco))?.ranges?.[0]?.events

describe.skipIf(!osv)('native distro feeds: real samples', () => {
  it('Amazon ALAS: release from the path, epoch kept, Amazon severity', async () => {
    const r2 = await ingest(SAMPLES.alas2)
    expect(r2.format).toBe('amazon-alas')
    const a = r2.advisories[0]!
    expect(a).toMatchObject({ id: 'ALAS2-2021-1699', aliases: ['CVE-2021-22543'] })
    expect(a.affected.map((p) => p.ecosystem)).toEqual(['Amazon Linux:2', 'Amazon Linux:2'])
    expect(fixedOf(a, 'kernel')).toEqual([{ introduced: '0' }, { fixed: '4.14.243-185.433.amzn2' }])
    expect(a.severities[0]).toMatchObject({ type: 'RATING', rating: 'LOW', source: 'Amazon Linux' })
    const r1 = (await ingest(SAMPLES.alas1)).advisories[0]!
    expect(fixedOf(r1, 'git', 'Amazon Linux:1')).toEqual([{ introduced: '0' }, { fixed: '2.14.5-1.59.amzn1' }])
    expect(fixedOf(r1, 'git-debuginfo', 'Amazon Linux:1')).toEqual([{ introduced: '0' }, { fixed: '1:2.14.5-1.59.amzn1' }])
    expect(r1.severities[0]!.rating).toBe('HIGH') // "Important"
    const r2022 = (await ingest(SAMPLES.alas2022)).advisories[0]!
    expect(fixedOf(r2022, 'log4j', 'Amazon Linux:2022')).toEqual([{ introduced: '0' }, { fixed: '2.15.0-1.amzn2022.0.1' }])
    expect(r2022.severities[0]!.rating).toBe('CRITICAL')
  })

  it('Rocky and AlmaLinux errata: fixed builds per major release, module streams skipped', async () => {
    const r = await ingest(SAMPLES.rocky)
    expect(r.format).toBe('rocky-errata')
    const a = r.advisories[0]!
    expect(a).toMatchObject({ id: 'RLSA-2021:1989', aliases: ['CVE-2021-25215'] })
    expect(fixedOf(a, 'bind-export-libs', 'Rocky Linux:8')).toEqual([{ introduced: '0' }, { fixed: '32:9.11.26-4.el8_4' }])
    expect(a.severities[0]).toMatchObject({ rating: 'HIGH', source: 'Rocky Linux' })
    const m = await ingest(SAMPLES.rockyModule)
    expect(m.advisories).toEqual([])
    expect(m.skipped).toEqual(['errata fix in a module stream (module-aware matching not supported)'])
    const alma = await ingest(SAMPLES.almaModule)
    expect(alma.format).toBe('alma-errata')
    expect(alma.skipped).toEqual(['errata fix in a module stream (module-aware matching not supported)'])
  })

  it('Ubuntu CVE tracker (vuln-list and vunnel layouts): released, needs-triage, pending, DNE, upstream', async () => {
    const r = await ingest(SAMPLES.ubuntu)
    expect(r.format).toBe('ubuntu-cve')
    const a = r.advisories[0]!
    expect(a.id).toBe('CVE-2020-1234')
    expect(a.affected).toEqual([
      { ecosystem: 'Ubuntu:18.04:LTS', name: 'xen', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }] },
      { ecosystem: 'Ubuntu:20.04:LTS', name: 'xen', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'not-fixed' },
      // "pending" with 1.2.4 in the note: the fix is not published yet.
      { ecosystem: 'Ubuntu:22.04:LTS', name: 'xen', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'not-fixed' },
    ])
    expect(a.severities[0]).toMatchObject({ rating: 'MEDIUM', source: 'Ubuntu' })
    const v = await ingest(SAMPLES.ubuntuVunnel)
    const b = v.advisories[0]!
    expect(fixedOf(b, 'chromium-browser', 'Ubuntu:12.04:LTS')).toEqual([{ introduced: '0' }, { fixed: '3.0.1271.97-0ubuntu0.12.04.1' }])
    expect(fixedOf(b, 'chromium-browser', 'Ubuntu:12.10')).toEqual([{ introduced: '0' }, { fixed: '3.0.1271.97-0ubuntu0.12.10.1' }])
    expect(v.skipped).toContain('package does not exist in the release (DNE)')
    expect(v.skipped.filter((s) => s.startsWith('Ubuntu upstream/devel'))).toHaveLength(2) // upstream, devel
  })

  it('OVAL as vuln-list JSON: Oracle ELSA and Red Hat (patched, unpatched, module, EUS, ksplice)', async () => {
    const o = await ingest(SAMPLES.oracleJson)
    expect(o.format).toBe('oval-json')
    const elsa = o.advisories[0]!
    expect(elsa).toMatchObject({ id: 'ELSA-2007-0057', aliases: ['CVE-2007-0493', 'CVE-2007-0494'] })
    expect(fixedOf(elsa, 'bind-devel', 'Oracle Linux:5')).toEqual([{ introduced: '0' }, { fixed: '30:9.3.3-8.el5' }])
    expect(elsa.affected.map((p) => p.name)).toEqual(['bind-devel', 'bind-sdb']) // the nameless criterion is not a package
    expect(elsa.severities[0]).toMatchObject({ rating: 'MEDIUM', source: 'Oracle' })
    const rh = (await ingest(SAMPLES.redhatOval)).advisories[0]!
    expect(rh).toMatchObject({ id: 'RHSA-2020:5624' })
    expect(rh.aliases).toContain('CVE-2020-26971')
    expect(rh.affected).toEqual([
      { ecosystem: 'Red Hat:8', name: 'thunderbird', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0:78.6.0-1.el8_3' }] }] },
      { ecosystem: 'Red Hat:8', name: 'thunderbird-debugsource', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0:78.6.0-1.el8_3' }] }] },
    ])
    expect(rh.severities[0]).toMatchObject({ rating: 'HIGH', source: 'Red Hat' })
    const un = (await ingest(SAMPLES.redhatUnpatched)).advisories[0]!
    expect(un.id).toBe('CVE-2020-14342')
    expect(un.affected.map((p) => [p.ecosystem, p.name, p.status])).toEqual([
      ['Red Hat:8', 'cifs-utils', 'not-fixed'],
      ['Red Hat:8', 'pam_cifscreds', 'not-fixed'],
    ])
    // One CVE: Red Hat's rating (Low) and its CVSS 3.1 vector (7.0 in the file, HIGH by the
    // CVSS 3.1 bands); a multi-CVE RHSA carries no single vector.
    expect(rh.severities.map((s) => s.type)).toEqual(['RATING'])
    expect(un.severities.map((s) => [s.type, s.rating, s.score])).toEqual([['RATING', 'LOW', undefined], ['CVSS_V3', 'HIGH', 7]])
    expect((await ingest(SAMPLES.redhatModule)).skipped).toEqual(['OVAL fix in a module stream (module-aware matching not supported)'])
    expect((await ingest(SAMPLES.redhatEus)).skipped[0]).toMatch(/EUS/)
    // SUSE OVAL XML: criteria name the fixed NVR, the referenced test holds "krb5 is <1.15.2-4.25".
    const suse = await ingest(SAMPLES.suseOval)
    const krb5 = suse.advisories.find((a) => a.id === 'CVE-2010-1323')!
    expect(fixedOf(krb5, 'krb5-server', 'SUSE:15')).toEqual([{ introduced: '0' }, { fixed: '1.15.2-4.25' }])
    expect(krb5.severities[0]).toMatchObject({ rating: 'MEDIUM', source: 'SUSE' }) // "Moderate"
    const kernel = suse.advisories.find((a) => a.id === 'CVE-2021-29154')!
    expect(fixedOf(kernel, 'kernel-default', 'SUSE:15.1')).toEqual([{ introduced: '0' }, { fixed: '4.12.14-197.89.2' }])
    expect(suse.skipped).toEqual(['OVAL definition marking packages not affected', 'OVAL definition marking packages not affected'])
    const ks = await ingest(SAMPLES.oracleKsplice)
    expect(ks.advisories).toEqual([])
    expect(ks.skipped).toContain('Oracle fix for a ksplice/FIPS build (build-flavour matching not supported)')
  })

  it('Red Hat CVE list entries, Fedora Bodhi updates, Photon OS CVE lists', async () => {
    const l = await ingest(SAMPLES.redhatList)
    expect(l.format).toBe('redhat-cve-list')
    const cve = l.advisories[0]!
    expect(cve.id).toBe('CVE-2017-3509')
    expect(fixedOf(cve, 'java-1.8.0-openjdk', 'Red Hat:7')).toEqual([{ introduced: '0' }, { fixed: '1:1.8.0.131-2.b11.el7_3' }])
    expect(fixedOf(cve, 'java-1.8.0-openjdk', 'Red Hat:6')).toEqual([{ introduced: '0' }, { fixed: '1:1.8.0.131-0.b11.el6_9' }])
    expect(cve.severities.map((s) => [s.type, s.rating, s.score])).toEqual([['RATING', 'MEDIUM', undefined], ['CVSS_V3', 'MEDIUM', 4.2]]) // cvss3_score "4.2"
    const f = await ingest(SAMPLES.bodhi)
    expect(f.format).toBe('fedora-bodhi')
    expect(f.advisories[0]).toMatchObject({ id: 'FEDORA-2025-ddd4444444', aliases: ['CVE-2025-9999'] })
    expect(f.advisories[0]!.affected).toEqual([{ ecosystem: 'Fedora:40', name: 'java-17-openjdk', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:17.0.14.0.7-1.fc40' }] }] }])
    expect(f.advisories[0]!.severities[0]!.rating).toBe('HIGH') // "important"
    expect((await ingest(SAMPLES.bodhiEpel)).skipped).toEqual(['EPEL update (EPEL packages have no OSV ecosystem)'])
    const p = await ingest(SAMPLES.photon)
    expect(p.format).toBe('photon-cve')
    const curl = p.advisories.find((a) => a.id === 'CVE-2023-38545')!
    expect(curl.affected).toEqual([{ ecosystem: 'Photon OS:4.0', name: 'curl', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.88.1-4.ph4' }] }] }])
    expect(curl.severities[0]).toMatchObject({ score: 9.8, rating: 'CRITICAL' })
  })
})

// One DB from the real samples; SBOM-style purls (distro= as syft writes it) for one
// vulnerable build (older than the fix named in the file) and the fixed build itself.
describe.skipIf(!osv)('native distro feeds: end-to-end match', () => {
  let db: AdvisoryDb
  beforeAll(async () => {
    const advisories: Advisory[] = []
    for (const rel of Object.values(SAMPLES)) advisories.push(...(await ingest(rel)).advisories)
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
  })

  const cases: [string, string, string][] = [
    // [purl of a vulnerable build, purl of the fixed build, advisory id]
    ['pkg:rpm/amzn/kernel@4.14.238-182.422.amzn2?arch=x86_64&distro=amzn-2', 'pkg:rpm/amzn/kernel@4.14.243-185.433.amzn2?arch=x86_64&distro=amzn-2', 'ALAS2-2021-1699'],
    ['pkg:rpm/amzn/git@2.14.4-1.58.amzn1?distro=amzn-2018.03', 'pkg:rpm/amzn/git@2.14.5-1.59.amzn1?distro=amzn-2018.03', 'ALAS-2018-1093'],
    ['pkg:rpm/rocky/bind-export-libs@9.11.26-3.el8?epoch=32&distro=rocky-8.5', 'pkg:rpm/rocky/bind-export-libs@9.11.26-4.el8_4?epoch=32&distro=rocky-8.5', 'RLSA-2021:1989'],
    ['pkg:deb/ubuntu/xen@1.2.2?distro=ubuntu-18.04', 'pkg:deb/ubuntu/xen@1.2.3?distro=ubuntu-18.04', 'CVE-2020-1234'],
    ['pkg:rpm/oracle/bind-devel@9.3.3-7.el5?epoch=30&distro=ol-5.11', 'pkg:rpm/oracle/bind-devel@9.3.3-8.el5?epoch=30&distro=ol-5.11', 'ELSA-2007-0057'],
    ['pkg:rpm/redhat/thunderbird@78.5.0-1.el8_3?distro=rhel-8.3', 'pkg:rpm/redhat/thunderbird@78.6.0-1.el8_3?distro=rhel-8.3', 'RHSA-2020:5624'],
    ['pkg:rpm/redhat/java-1.8.0-openjdk@1.8.0.131-1.b11.el7_3?epoch=1&distro=rhel-7.9', 'pkg:rpm/redhat/java-1.8.0-openjdk@1.8.0.131-2.b11.el7_3?epoch=1&distro=rhel-7.9', 'CVE-2017-3509'],
    ['pkg:rpm/fedora/java-17-openjdk@17.0.13.0.11-3.fc40?epoch=1&distro=fedora-40', 'pkg:rpm/fedora/java-17-openjdk@17.0.14.0.7-1.fc40?epoch=1&distro=fedora-40', 'FEDORA-2025-ddd4444444'],
    ['pkg:rpm/photon/curl@7.88.1-3.ph4?distro=photon-4.0', 'pkg:rpm/photon/curl@7.88.1-4.ph4?distro=photon-4.0', 'CVE-2023-38545'],
    ['pkg:rpm/suse/kernel-default@4.12.14-197.86.1?distro=sles-15.1', 'pkg:rpm/suse/kernel-default@4.12.14-197.89.2?distro=sles-15.1', 'CVE-2021-29154'],
  ]

  it.each(cases)('%s is flagged, the fixed build is not', async (vulnerable, fixed, id) => {
    const pkg = (purl: string) => ({ name: /\/([^/@]+)@/.exec(purl)![1]!, version: '', type: purl.startsWith('pkg:deb') ? 'deb' : 'rpm', purl })
    const inv: Inventory = { packages: [pkg(vulnerable), pkg(fixed)], warnings: [] }
    const { findings } = await matchInventory(inv, db)
    const hits = findings.filter((f) => f.id === id || f.aliases.includes(id))
    expect(hits.map((f) => f.package.purl)).toEqual([vulnerable])
    expect(hits[0]!.status).toBe('fixed')
  })

  it('an unfixed Ubuntu release (needs-triage) flags every build as not-fixed', async () => {
    const inv: Inventory = { packages: [{ name: 'xen', version: '', type: 'deb', purl: 'pkg:deb/ubuntu/xen@9.9.9?distro=ubuntu-20.04' }], warnings: [] }
    const { findings } = await matchInventory(inv, db)
    expect(findings.map((f) => [f.id, f.status, f.severity])).toEqual([['CVE-2020-1234', 'not-fixed', 'MEDIUM']])
  })
})

describe.skipIf(!osv)('db build over the whole ../shared/data/osv', () => {
  it('leaves no advisory format "not ingested" and explains every skip', async () => {
    const { sources } = await ingestTree(nodeFileSystem(), [osv!])
    const reasons = sources.flatMap((s) => Object.keys(s.skipped))
    expect(reasons.filter((r) => /not ingested|not yet|unknown shape|JSON array that is not/i.test(r))).toEqual([])
    const formats = new Set(sources.flatMap((s) => Object.keys(s.formats)))
    for (const f of ['amazon-alas', 'rocky-errata', 'alma-errata', 'ubuntu-cve', 'oval-json', 'redhat-cve-list', 'fedora-bodhi', 'photon-cve']) expect(formats).toContain(f)
  }, 120_000)
})

describe('native distro feeds: hostile input', () => {
  const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))
  it.each([
    ['ALAS2-x.json', { id: 'ALAS2-1', packages: [null, { name: 1 }, { name: 'k' }], cveids: [7] }],
    ['RLSA-x.json', { id: 'RLSA-1', collections: [null, { packages: 'x' }, { module: {}, packages: [{}] }] }],
    ['ALSA-x.json', { updateinfo_id: 'ALSA-1', pkglist: { packages: [null] } }],
    ['CVE-x.json', { Candidate: 'CVE-1', Priority: 7, Patches: { x: null, y: { focal: 'str', jammy: { Status: 3 } } } }],
    ['CVE-y', { name: 'CVE-2', priority: null, patches: [null, { distro: 5 }] }],
    ['ELSA-x.json', { Title: 'x', Criteria: { Criterias: [null, { Criterions: [null, { Comment: 5 }] }] } }],
    ['FEDORA-x.json', { alias: 'FEDORA-1', builds: [null, { nvr: 'a' }], release: {}, type: 'security', status: 'stable' }],
    ['cve_data_photon4.0.json', [{ cve_id: 'CVE-1', pkg: 'a', res_ver: null, status: null }]],
    ['rh.json', [{ CVE: 'CVE-1', affected_packages: [null, 'x', 'a-1-1.module+el8'], resource_url: '' }]],
  ])('%s: a reason, never a throw', async (name, doc) => {
    const r = await ingestDocument(name, enc(doc))
    expect(r.advisories.length + r.skipped.length).toBeGreaterThan(0)
    expect(r.skipped.some((s) => s.startsWith('malformed document'))).toBe(false)
  })
  it('deeply nested OVAL criteria neither overflow the stack nor hang', async () => {
    const n = 3000
    const criteria = `${'{"Criterias":['.repeat(n)}{"Criterions":[{"Comment":"glibc is earlier than 2.28-1.el8"}]}${']}'.repeat(n)}`
    const j = await ingestDocument('ELSA-deep.json', enc(`{"Title":"ELSA-2021-1","Platform":["Oracle Linux 8"],"References":[{"Source":"elsa","ID":"ELSA-2021-1"}],"Criteria":${criteria}}`))
    expect(j.skipped.some((s) => s.startsWith('malformed document'))).toBe(false)
    const xml = `<?xml version="1.0"?><oval_definitions><definitions><definition class="patch" id="d"><metadata><title>ELSA-2021-1</title><platform>Oracle Linux 8</platform><reference source="elsa" ref_id="ELSA-2021-1"/></metadata>${'<criteria operator="AND">'.repeat(20000)}<criterion comment="glibc is earlier than 2.28-1.el8"/>${'</criteria>'.repeat(20000)}</definition></definitions></oval_definitions>`
    const x = await ingestDocument('deep.xml', enc(xml))
    expect(x.advisories[0]?.affected[0]).toMatchObject({ ecosystem: 'Oracle Linux:8', name: 'glibc' })
  })
})
