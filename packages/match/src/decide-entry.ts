import type { Finding, Package, Warning } from '@stowaway/core'
import { Scheme } from '@stowaway/version'
import type { SchemeId } from '@stowaway/version'
import type { AdvisorySeverity } from './advisory.ts'
import type { Shard, ShardEntry } from './db-shard.ts'
import type { EntryVerdict } from './evaluate.ts'
import type { MatchTarget } from './match-target.ts'
import { pickSeverity } from './severity.ts'
import { cpeMatches, parseCpe } from './cpe.ts'
import type { Wfn } from './cpe.ts'

/** One package's lookup result: where it was looked up and the entries found. */
export interface Hit {
  pkg: Package
  target: MatchTarget
  scheme: SchemeId
  entries: ShardEntry[]
}

export function toFindingSeverities(list: AdvisorySeverity[]): NonNullable<Finding['severities']> {
  return list.map((s) => ({
    type: s.type,
    ...(s.score !== undefined ? { score: s.score } : {}),
    ...(s.vector ? { vector: s.vector } : s.rating && s.type === 'RATING' ? { vector: s.rating } : {}),
    ...(s.source ? { source: s.source } : {}),
  }))
}

// The layer a package's findings name: its first location that has one.
export function layerOf(pkg: Package): string | undefined {
  const locations = pkg.locations
  if (locations) for (const l of locations) if (l.layer) return l.layer
  return undefined
}

// The warning for an entry that cannot be evaluated for a package.
export function notEvaluable(id: string, pkg: Package, version: string, reason: string): Warning {
  return { code: 'INVALID_VERSION', message: `Cannot evaluate "${id}" for ${pkg.name} ${version}: ${reason}` }
}

// One entry's verdict → a warning, a finding, or nothing.
export function decideEntry(h: Hit, { advisory, affected }: ShardEntry, v: EntryVerdict, perPkg: Finding[], warnings: Warning[]): void {
  if (v.status === 'not-evaluable') {
    warnings.push(notEvaluable(advisory.id, h.pkg, h.target.version, v.reason!))
    return
  }
  if (v.status !== 'affected') return
  const sevs = affected.severity ? [affected.severity, ...advisory.severities] : advisory.severities
  const fixed = v.fixed ?? []
  const f: Finding = {
    id: advisory.id,
    aliases: [...advisory.aliases],
    package: h.pkg,
    fixedVersions: fixed,
    status: affected.status ?? (fixed.length ? 'fixed' : 'not-fixed'),
    severity: pickSeverity(sevs),
    severities: toFindingSeverities(sevs),
    ranges: v.ranges ?? [],
    references: [...advisory.references],
  }
  if (advisory.summary) f.summary = advisory.summary
  const layer = layerOf(h.pkg)
  if (layer) f.layer = layer
  perPkg.push(f)
}

// Candidate NVD entries for a package's CPEs: looked up by vendor:product, kept when
// the entry's criteria (version part widened to ANY when the entry carries a range)
// is a superset of the package's CPE; versions are then decided like any range.
export function cpeHit(pkg: Package, nvd: Shard): Hit | undefined {
  const entries: ShardEntry[] = []
  let version = pkg.version
  const seen = new Set<string>()
  for (const c of pkg.cpes ?? []) {
    let wfn: Wfn
    try {
      wfn = parseCpe(c)
    } catch {
      continue
    }
    if (wfn.vendor.kind !== 'value' || wfn.product.kind !== 'value') continue
    if (!version && wfn.version.kind === 'value') version = wfn.version.value.replace(/\\(.)/g, '$1')
    const plain = (x: string) => x.replace(/\\(.)/g, '$1')
    for (const e of nvd.lookup(`${plain(wfn.vendor.value)}:${plain(wfn.product.value)}`)) {
      if (!e.affected.cpe || seen.has(e.advisory.id + '\0' + e.affected.cpe)) continue
      const crit = parseCpe(e.affected.cpe)
      const target: Wfn = e.affected.ranges ? { ...wfn, version: { kind: 'ANY' } } : wfn
      if (!cpeMatches(e.affected.ranges ? { ...crit, version: { kind: 'ANY' } } : crit, target)) continue
      seen.add(e.advisory.id + '\0' + e.affected.cpe)
      entries.push(e)
    }
  }
  if (!entries.length || !version) return undefined
  return { pkg, target: { ecosystem: 'NVD', names: [], version }, scheme: Scheme.Maven, entries }
}
