import type { Advisory, AffectedPackage } from '../advisory.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'
import { cveIds } from './feed-result.ts'

// Debian codenames → release numbers as OSV's `Debian:<n>` ecosystems spell them.
const RELEASES: Record<string, string> = {
  woody: '3.0', sarge: '3.1', etch: '4', lenny: '5', squeeze: '6', wheezy: '7', jessie: '8',
  stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14',
}

/**
 * The OSV ecosystem of a Debian codename (`bullseye` → `Debian:11`).
 *
 * @param codename release codename
 * @returns the ecosystem, or undefined for `sid`/unknown names
 * @example
 * ```ts
 * import { debianEcosystem } from '@stowaway/match'
 * debianEcosystem('bookworm') // 'Debian:12'
 * ```
 */
export function debianEcosystem(codename: string): string | undefined {
  const n = RELEASES[codename.toLowerCase()]
  return n ? `Debian:${n}` : undefined
}

const HEADER = /^\[(\d{2} \w{3} \d{4})\] ((?:DSA|DLA|DTSA)-[\d-]+)\s+(.*?)\s*$/
const FIX = /^\s+\[(\w+)\]\s+-\s+(\S+)\s+(.+?)\s*$/

/**
 * Whether a text is a Debian security tracker DSA/DLA list.
 *
 * @param text file text
 * @returns true when the first entry header looks like `[29 Mar 2023] DSA-5380-1 pkg - …`
 * @example
 * ```ts
 * import { isDebianAdvisoryList } from '@stowaway/match'
 * isDebianAdvisoryList('[29 Mar 2023] DSA-5380-1 xorg-server - security update\n') // true
 * ```
 */
export function isDebianAdvisoryList(text: string): boolean {
  return HEADER.test(text.slice(0, 300).split('\n', 1)[0]!)
}

/**
 * Read a DSA/DLA list: each advisory names CVEs and, per release, the source
 * package version that fixed them. Lines marked `<not-affected>` are skipped (the
 * release never had the bug); `<unfixed>`/`<end-of-life>` are kept without a fix.
 *
 * @param text the list file
 * @returns advisories (id `DSA-…`, CVE aliases) and skip reasons
 * @example
 * ```ts
 * import { parseDebianAdvisoryList } from '@stowaway/match'
 * const r = parseDebianAdvisoryList('[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023-1393}\n\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n')
 * r.advisories[0].affected[0].ecosystem // 'Debian:11'
 * ```
 */
export function parseDebianAdvisoryList(text: string): FeedResult {
  const advisories: Advisory[] = []
  const skipped: string[] = []
  let cur: Advisory | undefined
  const close = () => {
    if (!cur) return
    if (cur.affected.length) advisories.push(cur)
    else skipped.push('advisory without package lines for a known release (notice, end-of-life or old release)')
    cur = undefined
  }
  for (const line of text.split('\n')) {
    const h = HEADER.exec(line)
    if (h) {
      close()
      const [, date, id, title] = h
      cur = { id: id!, aliases: [], severities: [], references: [`https://security-tracker.debian.org/tracker/${id}`], affected: [] }
      if (title) cur.summary = title
      const d = new Date(`${date} UTC`)
      if (!Number.isNaN(d.getTime())) cur.published = d.toISOString()
      continue
    }
    if (!cur) continue
    if (/^\s+\{/.test(line)) {
      cur.aliases.push(...cveIds(line))
      continue
    }
    const f = FIX.exec(line)
    if (!f) continue
    const [, release, name, rest] = f
    const ecosystem = debianEcosystem(release!)
    if (!ecosystem) {
      skipped.push(`release "${release}" has no OSV ecosystem`)
      continue
    }
    const version = rest!.split(/\s+/, 1)[0]!
    if (version === '<not-affected>') {
      skipped.push('package marked <not-affected> for the release')
      continue
    }
    const entry: AffectedPackage = { ecosystem, name: name! }
    if (version.startsWith('<')) {
      entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]
      entry.status = version === '<end-of-life>' || version === '<ignored>' ? 'wont-fix' : 'not-fixed'
    } else entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: version }] }]
    cur.affected.push(entry)
  }
  close()
  return { format: 'debian-advisory-list', advisories, skipped }
}

/**
 * Whether a parsed JSON document is the security tracker's `/tracker/data/json` shape:
 * `{ <source package>: { <CVE>: { releases: { <codename>: { status, fixed_version, urgency } } } } }`.
 *
 * @param doc parsed JSON
 * @returns true for the tracker shape
 * @example
 * ```ts
 * import { isDebianTrackerJson } from '@stowaway/match'
 * isDebianTrackerJson({ zlib: { 'CVE-2018-25032': { releases: {} } } }) // true
 * ```
 */
export function isDebianTrackerJson(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false
  const first = Object.values(doc as Record<string, unknown>)[0]
  if (!first || typeof first !== 'object') return false
  const inner = Object.values(first as Record<string, unknown>)[0] as Record<string, unknown> | undefined
  return !!inner && typeof inner === 'object' && 'releases' in inner
}

/**
 * Read the Debian security tracker JSON: one advisory per CVE with an entry per
 * (release, source package). `resolved` with fixed version `0` = never affected
 * (skipped); `open` = no fix yet (`wont-fix` when the tracker says the issue is ignored
 * or the release is end-of-life); urgency becomes the Debian rating.
 *
 * @param doc parsed tracker JSON
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parseDebianTrackerJson } from '@stowaway/match'
 * const r = parseDebianTrackerJson({ zlib: { 'CVE-2018-25032': { releases: { bullseye: { status: 'resolved', fixed_version: '1:1.2.11.dfsg-2+deb11u1', urgency: 'not yet assigned' } } } } })
 * r.advisories[0].affected[0].ecosystem // 'Debian:11'
 * ```
 */
export function parseDebianTrackerJson(doc: unknown): FeedResult {
  const byId = new Map<string, Advisory>()
  const skipped: string[] = []
  for (const [pkg, cves] of Object.entries(doc as Record<string, Record<string, Record<string, unknown>>>)) {
    if (!cves || typeof cves !== 'object') continue
    for (const [id, info] of Object.entries(cves)) {
      if (!/^(CVE|TEMP)-/.test(id)) {
        skipped.push('tracker entry id is neither CVE nor TEMP')
        continue
      }
      if (id.startsWith('TEMP-')) {
        skipped.push('TEMP- tracker id (no public identifier yet)')
        continue
      }
      const releases = (info?.releases ?? {}) as Record<string, Record<string, unknown>>
      for (const [codename, r] of Object.entries(releases)) {
        const ecosystem = debianEcosystem(codename)
        if (!ecosystem) {
          skipped.push(`release "${codename}" has no OSV ecosystem (sid/unknown)`)
          continue
        }
        const status = String(r?.status ?? '')
        const fixed = typeof r?.fixed_version === 'string' ? r.fixed_version : undefined
        const entry: AffectedPackage = { ecosystem, name: pkg }
        if (status === 'resolved' && fixed) {
          if (fixed === '0') {
            skipped.push('fixed version "0": release never affected')
            continue
          }
          entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }]
        } else if (status === 'open' || status === 'undetermined') {
          entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]
          entry.status = r?.nodsa_reason === 'ignored' || r?.nodsa_reason === 'end-of-life' ? 'wont-fix' : 'not-fixed'
        } else {
          skipped.push(`release status "${status || 'missing'}" without a fixed version`)
          continue
        }
        const urgency = typeof r?.urgency === 'string' ? r.urgency.replace(/\*+$/, '') : undefined
        if (urgency && urgency !== 'not yet assigned') entry.severity = scoreSeverity('RATING', urgency === 'unimportant' ? 'negligible' : urgency, 'Debian')
        let adv = byId.get(id)
        if (!adv) {
          adv = { id, aliases: [], severities: [], references: [`https://security-tracker.debian.org/tracker/${id}`], affected: [] }
          if (typeof info?.description === 'string') adv.summary = info.description
          byId.set(id, adv)
        }
        adv.affected.push(entry)
      }
    }
  }
  return { format: 'debian-tracker-json', advisories: [...byId.values()], skipped }
}
