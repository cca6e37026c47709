import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { normaliseRating, scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

// Ubuntu release codenames → version (ubuntu.com/about/release-cycle; LTS = even year, .04).
const RELEASES: Record<string, string> = {
  warty: '4.10', hoary: '5.04', breezy: '5.10', dapper: '6.06', edgy: '6.10', feisty: '7.04', gutsy: '7.10',
  hardy: '8.04', intrepid: '8.10', jaunty: '9.04', karmic: '9.10', lucid: '10.04', maverick: '10.10',
  natty: '11.04', oneiric: '11.10', precise: '12.04', quantal: '12.10', raring: '13.04', saucy: '13.10',
  trusty: '14.04', utopic: '14.10', vivid: '15.04', wily: '15.10', xenial: '16.04', yakkety: '16.10',
  zesty: '17.04', artful: '17.10', bionic: '18.04', cosmic: '18.10', disco: '19.04', eoan: '19.10',
  focal: '20.04', groovy: '20.10', hirsute: '21.04', impish: '21.10', jammy: '22.04', kinetic: '22.10',
  lunar: '23.04', mantic: '23.10', noble: '24.04', oracular: '24.10', plucky: '25.04', questing: '25.10',
}

/**
 * The OSV ecosystem of an Ubuntu CVE tracker release key: `jammy` → `Ubuntu:22.04:LTS`,
 * `mantic` → `Ubuntu:23.10`, ESM streams (`esm-infra/xenial`, `esm-apps/bionic`,
 * `trusty/esm`) → `Ubuntu:Pro:<version>:LTS` as OSV names Ubuntu Pro.
 *
 * @param key release key as the tracker writes it
 * @returns the ecosystem, or undefined for `upstream`, `devel`, `snap`, FIPS streams
 *   and unknown names
 * @example
 * ```ts
 * import { ubuntuEcosystem } from '@stowaway/match'
 * ubuntuEcosystem('esm-apps/bionic') // 'Ubuntu:Pro:18.04:LTS'
 * ```
 */
export function ubuntuEcosystem(key: string): string | undefined {
  const parts = key.toLowerCase().split('/')
  if (parts.some((p) => p.startsWith('fips'))) return undefined
  const esm = parts.some((p) => p === 'esm' || p.startsWith('esm-'))
  const code = parts.find((p) => RELEASES[p])
  if (!code) return undefined
  const v = RELEASES[code]!
  const [y, m] = v.split('.')
  const lts = Number(y) % 2 === 0 && m === '04'
  if (esm) return lts ? `Ubuntu:Pro:${v}:LTS` : undefined
  return `Ubuntu:${v}${lts ? ':LTS' : ''}`
}

/**
 * Whether a parsed JSON document is one Ubuntu CVE tracker entry: the vuln-list layout
 * (`Candidate`, `Patches: { <pkg>: { <release>: { Status, Note } } }`) or vunnel's
 * normalised one (`name`, `patches: [{ distro, package, status, version }]`).
 *
 * @param doc parsed JSON
 * @returns true for either layout
 * @example
 * ```ts
 * import { isUbuntuCve } from '@stowaway/match'
 * isUbuntuCve({ Candidate: 'CVE-2020-1234', Priority: 'medium', Patches: {} }) // true
 * ```
 */
export function isUbuntuCve(doc: unknown): boolean {
  if (!isObj(doc)) return false
  if (typeof doc.Candidate === 'string' && isObj(doc.Patches)) return true
  return typeof doc.name === 'string' && /^CVE-/.test(doc.name) && Array.isArray(doc.patches) && 'priority' in doc
}

interface Patch {
  release: string
  pkg: string
  status: string
  version?: string
  priority?: string
}

function patchesOf(d: Obj): Patch[] {
  const out: Patch[] = []
  if (isObj(d.Patches)) {
    for (const [pkg, byRelease] of Object.entries(d.Patches)) {
      if (!isObj(byRelease)) continue
      for (const [release, p] of Object.entries(byRelease)) {
        if (!isObj(p)) continue
        const version = str(p.Note)?.trim()
        out.push({ release, pkg, status: str(p.Status) ?? '', ...(version ? { version } : {}) })
      }
    }
    return out
  }
  for (const list of [d.patches, d.ignored_patches]) {
    for (const p of Array.isArray(list) ? list : []) {
      if (!isObj(p)) continue
      const version = str(p.version)
      const priority = str(p.priority)
      out.push({ release: str(p.distro) ?? '', pkg: str(p.package) ?? '', status: str(p.status) ?? '', ...(version ? { version } : {}), ...(priority ? { priority } : {}) })
    }
  }
  return out
}

const UNFIXED = new Set(['needed', 'needs-triage', 'pending', 'deferred', 'active'])

/**
 * Read an Ubuntu CVE tracker entry: per (source package, release), `released` with a
 * version is a fix, `needed`/`needs-triage`/`pending`/`deferred` are affected without
 * a fix (`not-fixed`), `ignored` is `wont-fix`; `not-affected` and `DNE` (the package
 * is not in that release) are skipped with the reason, as are `upstream`/`devel`/`snap`
 * keys that name no release. The CVE's priority (`negligible` … `critical`) is Ubuntu's
 * rating; a per-package priority overrides it for that package.
 *
 * @param doc parsed JSON (see {@link isUbuntuCve})
 * @returns one advisory per CVE (or skip reasons)
 * @example
 * ```ts
 * import { parseUbuntuCve } from '@stowaway/match'
 * parseUbuntuCve({ Candidate: 'CVE-2020-1234', Priority: 'medium', Patches: { xen: { bionic: { Status: 'released', Note: '1.2.3' } } } }).advisories[0]?.affected[0]?.ecosystem // 'Ubuntu:18.04:LTS'
 * ```
 */
export function parseUbuntuCve(doc: unknown): FeedResult {
  const d = doc as Obj
  const id = (str(d.Candidate) ?? str(d.name))!
  const skipped: string[] = []
  const entries = new Map<string, AffectedPackage>()
  for (const p of patchesOf(d)) {
    const status = p.status.toLowerCase()
    if (status === 'not-affected') {
      skipped.push('package marked not-affected for the release')
      continue
    }
    if (status === 'dne') {
      skipped.push('package does not exist in the release (DNE)')
      continue
    }
    const eco = ubuntuEcosystem(p.release)
    if (!eco) {
      skipped.push(/^(upstream|devel|snap|product|fips)/i.test(p.release) || p.release.includes('fips') ? 'Ubuntu upstream/devel/snap/FIPS entry (names no release)' : `unknown Ubuntu release "${p.release}"`)
      continue
    }
    if (!p.pkg) {
      skipped.push('Ubuntu entry without a package name')
      continue
    }
    const entry: AffectedPackage = { ecosystem: eco, name: p.pkg }
    if (status === 'released') {
      // Notes hold the version, sometimes with words after it.
      const fixed = p.version?.split(/\s+/, 1)[0]
      if (!fixed || !/^\d/.test(fixed)) {
        skipped.push('released without a fixed version')
        continue
      }
      entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }]
    } else if (UNFIXED.has(status) || status === 'ignored') {
      entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]
      entry.status = status === 'ignored' ? 'wont-fix' : 'not-fixed'
    } else {
      skipped.push(`Ubuntu status "${p.status || 'missing'}" not understood`)
      continue
    }
    if (p.priority && normaliseRating(p.priority) !== 'UNKNOWN') entry.severity = scoreSeverity('RATING', p.priority, 'Ubuntu')
    const key = `${eco}|${p.pkg}`
    if (!entries.has(key)) entries.set(key, entry)
  }
  if (entries.size === 0) return { format: 'ubuntu-cve', advisories: [], skipped: skipped.length ? skipped : ['Ubuntu CVE entry without packages'] }
  const refs = (Array.isArray(d.References) ? d.References : Array.isArray(d.references) ? d.references : []).filter((r): r is string => typeof r === 'string')
  const adv: Advisory = { id, aliases: [], severities: [], references: [`https://ubuntu.com/security/${id}`, ...refs], affected: [...entries.values()] }
  const priority = str(d.Priority) ?? str(d.priority)
  if (priority && normaliseRating(priority) !== 'UNKNOWN') adv.severities.push(scoreSeverity('RATING', priority, 'Ubuntu'))
  const desc = str(d.Description) ?? str(d.description)
  if (desc) adv.summary = firstLine(desc)
  const published = str(d.PublicDate)
  if (published && !published.startsWith('0001')) adv.published = published
  return { format: 'ubuntu-cve', advisories: [adv], skipped }
}
