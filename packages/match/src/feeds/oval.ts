import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'
import { cveIds } from './feed-result.ts'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!).trim()
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? unescape(m[1]!) : undefined
}

// Distro names as OVAL criteria spell them → the ecosystem base our purl mapping uses.
const PLATFORMS: [RegExp, string][] = [
  [/^Oracle Linux (\d+)/, 'Oracle Linux'],
  [/^Red Hat Enterprise Linux(?: [A-Za-z]+)*? (\d+)/, 'Red Hat'],
  [/^CentOS(?: Linux)? (\d+)/, 'CentOS'],
]

function platformOf(text: string): string | undefined {
  for (const [re, base] of PLATFORMS) {
    const m = re.exec(text)
    if (m) return `${base}:${m[1]}`
  }
  return undefined
}

// Release for feeds whose criteria do not name one (CBL-Mariner / Azure Linux): the
// upstream file names carry it (`cbl-mariner-2.0-oval.xml`).
function releaseFromFileName(path: string, platform: string | undefined): string | undefined {
  const m = /(\d+)\.\d+-oval\.xml$/.exec(path)
  if (!m || !platform) return undefined
  if (/mariner/i.test(platform)) return `Mariner:${m[1]}`
  if (/azure linux/i.test(platform)) return `Azure Linux:${m[1]}`
  return undefined
}

/**
 * Read an OVAL definitions document (Oracle ELSA, Red Hat RHSA, CBL-Mariner / Azure
 * Linux) by its criterion comments, the way those publishers write them:
 * `"<pkg> is earlier than <evr>"` (a fix), `"Package <pkg> is installed with version
 * <v> or earlier"` (last affected), `"Package <pkg> is greater than <v>"` (lower bound),
 * each under the release named by `"<Distro> <N> is installed"`. Definitions whose
 * criteria carry no such comments (SUSE's `is installed` tests) are skipped with that
 * reason.
 *
 * @param text OVAL XML
 * @param path file path (release hint for Mariner/Azure Linux file names)
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parseOval } from '@stowaway/match'
 * declare const xml: string
 * parseOval(xml, 'oracle/com.oracle.elsa-all.xml').advisories
 * ```
 */
export function parseOval(text: string, path = ''): FeedResult {
  const advisories: Advisory[] = []
  const skipped: string[] = []
  const defs = text.match(/<definition\s[^>]*>[\s\S]*?<\/definition>/g) ?? []
  for (const def of defs) {
    const open = /^<definition\s[^>]*>/.exec(def)![0]
    const cls = attr(open, 'class')
    if (cls !== 'patch' && cls !== 'vulnerability') {
      skipped.push(`OVAL ${cls ?? 'unclassed'} definition (not a vulnerability or patch)`)
      continue
    }
    const title = unescape(/<title>([\s\S]*?)<\/title>/.exec(def)?.[1] ?? '')
    const refs = [...def.matchAll(/<reference\s[^>]*\/?>/g)].map((m) => ({ source: attr(m[0], 'source') ?? '', id: attr(m[0], 'ref_id') ?? '', url: attr(m[0], 'ref_url') }))
    const aliases = [...new Set(refs.flatMap((r) => (/cve/i.test(r.source) ? cveIds(r.id) : [])))]
    const advisoryId = refs.find((r) => !/cve/i.test(r.source) && /^[A-Z]+-\d/.test(r.id))?.id
    const id = advisoryId ?? aliases[0]
    if (!id) {
      skipped.push('OVAL definition without an advisory or CVE reference')
      continue
    }
    const metaPlatform = unescape(/<platform>([\s\S]*?)<\/platform>/.exec(def)?.[1] ?? '')
    let release = platformOf(metaPlatform) ?? releaseFromFileName(path, metaPlatform)
    const byKey = new Map<string, AffectedPackage>()
    const lower = new Map<string, string>()
    let unknownCriteria = 0
    for (const m of def.matchAll(/<criterion\s[^>]*\/?>/g)) {
      const c = attr(m[0], 'comment') ?? ''
      const inst = /^(.*) is installed$/.exec(c)
      if (inst && !/^Package /.test(c)) {
        release = platformOf(inst[1]!) ?? release
        continue
      }
      let f = /^(?:Package )?(\S+) is earlier than (\S+?)(?:,.*)?$/.exec(c)
      if (f && release) {
        byKey.set(`${release}|${f[1]}`, { ecosystem: release, name: f[1]!, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: f[2]! }] }] })
        continue
      }
      f = /^Package (\S+) is installed with version (\S+) or earlier/.exec(c)
      if (f && release) {
        byKey.set(`${release}|${f[1]}`, { ecosystem: release, name: f[1]!, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: f[2]! }] }], status: 'not-fixed' })
        continue
      }
      f = /^Package (\S+) is greater than (\S+?)(?:,.*)?$/.exec(c)
      if (f) {
        lower.set(f[1]!, f[2]!)
        continue
      }
      if (!/is signed with|is ==|is ≥|kernel earlier/.test(c)) unknownCriteria++
    }
    // "greater than" is exclusive; the nearest OSV event is introduced at that version,
    // which also admits the bound itself.
    for (const e of byKey.values()) {
      const lo = lower.get(e.name)
      if (lo) e.ranges![0]!.events[0] = { introduced: lo }
    }
    if (byKey.size === 0) {
      skipped.push(release ? `OVAL definition without "is earlier than" package criteria${unknownCriteria ? ' (criteria by installed-package tests, e.g. SUSE)' : ''}` : 'OVAL definition for a platform with no ecosystem mapping (e.g. SUSE products)')
      continue
    }
    const severity = unescape(/<severity>([\s\S]*?)<\/severity>/.exec(def)?.[1] ?? '')
    const adv: Advisory = { id, aliases: aliases.filter((a) => a !== id), severities: [], references: refs.map((r) => r.url).filter((u): u is string => !!u), affected: [...byKey.values()] }
    if (severity) adv.severities.push(scoreSeverity('RATING', severity, 'OVAL'))
    if (title) adv.summary = firstLine(title)
    const issued = /<issued date="([^"]+)"/.exec(def)?.[1]
    if (issued) adv.published = issued
    advisories.push(adv)
  }
  if (defs.length === 0) skipped.push('OVAL document without definitions')
  return { format: 'oval', advisories, skipped }
}
