import type { OsvRange } from '@stowaway/version'
import type { Advisory, AdvisorySeverity, AffectedPackage } from './advisory.ts'
import { scoreSeverity } from './severity.ts'

/** Why an OSV record (or a part of it) was not taken, for the ingest report. */
export interface IngestSkip {
  reason: string
  count: number
}

/** Result of reading one OSV document. */
export interface OsvParseResult {
  advisory?: Advisory
  /** Set when the whole record was not taken (withdrawn, not an OSV record …). */
  skipped?: string
  /** Parts dropped from an otherwise accepted record (GIT-only entries …). */
  partial: string[]
}

const SEVERITY_TYPES = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4'])
// Red Hat-family errata put their rating in the summary: "Important: kernel update".
const SUMMARY_RATING = /^(Critical|Important|Moderate|Low):\s/

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x.length > 0 ? x : undefined
}

function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string' && s.length > 0) : []
}

// OSV puts publisher ratings in free-form `severity` fields of database_specific /
// ecosystem_specific (GHSA, Go, Ubuntu, Debian urgency); read the common spellings.
function ratingFrom(obj: unknown, source: string): AdvisorySeverity | undefined {
  if (!obj || typeof obj !== 'object') return undefined
  const o = obj as Record<string, unknown>
  const v = o.severity ?? o.urgency
  if (typeof v === 'string' && v.trim()) return scoreSeverity('RATING', v, source)
  return undefined
}

/**
 * Turn one parsed OSV document (JSON or YAML) into the internal {@link Advisory}.
 * Withdrawn records are skipped; GIT ranges are dropped (OSV says they need commit
 * graphs); an affected entry left with neither ranges nor versions is dropped and
 * reported in `partial`.
 *
 * @param doc the parsed document
 * @returns the advisory or the reason it was skipped
 * @example
 * ```ts
 * import { parseOsvRecord } from '@stowaway/match'
 * const r = parseOsvRecord({ id: 'GO-2020-0001', affected: [{ package: { ecosystem: 'Go', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }] })
 * r.advisory?.id // 'GO-2020-0001'
 * ```
 */
export function parseOsvRecord(doc: unknown): OsvParseResult {
  const partial: string[] = []
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { skipped: 'not an OSV record (not an object)', partial }
  const d = doc as Record<string, unknown>
  const id = str(d.id)
  if (!id) return { skipped: 'not an OSV record (no id)', partial }
  if (str(d.withdrawn)) return { skipped: 'withdrawn', partial }
  if (!Array.isArray(d.affected) || d.affected.length === 0) return { skipped: 'no affected packages', partial }

  const severities: AdvisorySeverity[] = []
  if (Array.isArray(d.severity)) {
    for (const s of d.severity as Record<string, unknown>[]) {
      const t = str(s?.type)
      const v = str(s?.score)
      if (t && v && SEVERITY_TYPES.has(t)) severities.push(scoreSeverity(t, v, 'osv'))
    }
  }
  const summary = str(d.summary)
  const recordRating = ratingFrom(d.database_specific, 'database_specific')
  if (recordRating) severities.unshift(recordRating)
  else if (summary && SUMMARY_RATING.test(summary)) severities.unshift(scoreSeverity('RATING', summary.split(':', 1)[0]!, 'summary'))

  const affected: AffectedPackage[] = []
  for (const a of d.affected as Record<string, unknown>[]) {
    const pkg = (a?.package ?? {}) as Record<string, unknown>
    const ecosystem = str(pkg.ecosystem)
    const name = str(pkg.name)
    if (!ecosystem || !name) {
      partial.push('affected entry without package ecosystem/name')
      continue
    }
    const ranges: OsvRange[] = []
    let git = 0
    if (Array.isArray(a.ranges)) {
      for (const r of a.ranges as Record<string, unknown>[]) {
        const type = str(r?.type)
        if (type === 'GIT') {
          git++
          continue
        }
        if ((type === 'ECOSYSTEM' || type === 'SEMVER') && Array.isArray(r.events) && r.events.length > 0) {
          ranges.push({ type, events: r.events as OsvRange['events'] })
        } else partial.push(`range of type "${type ?? '?'}" without events`)
      }
    }
    const versions = strings(a.versions)
    if (ranges.length === 0 && versions.length === 0) {
      partial.push(git > 0 ? 'GIT-only affected entry' : 'affected entry without ranges or versions')
      continue
    }
    const entry: AffectedPackage = { ecosystem, name }
    const purl = str(pkg.purl)
    if (purl) entry.purl = purl
    if (ranges.length) entry.ranges = ranges
    if (versions.length) entry.versions = versions
    const sev = ratingFrom(a.ecosystem_specific, 'ecosystem_specific') ?? ratingFrom(a.database_specific, 'database_specific')
    if (sev) entry.severity = sev
    affected.push(entry)
  }
  if (affected.length === 0) return { skipped: partial[0] ?? 'no usable affected packages', partial }

  const advisory: Advisory = {
    id,
    aliases: strings(d.aliases),
    severities,
    references: Array.isArray(d.references)
      ? (d.references as Record<string, unknown>[]).map((r) => str(r?.url)).filter((u): u is string => !!u)
      : [],
    affected,
  }
  const related = strings(d.related)
  if (related.length) advisory.related = related
  if (summary) advisory.summary = summary
  else {
    const details = str(d.details)
    if (details) advisory.summary = firstLine(details)
  }
  const published = str(d.published)
  if (published) advisory.published = published
  const modified = str(d.modified)
  if (modified) advisory.modified = modified
  return { advisory, partial }
}

/**
 * First line of a text, at most 200 characters: the summary of records that have none.
 *
 * @param text free text
 * @returns the shortened line
 * @example
 * ```ts
 * import { firstLine } from '@stowaway/match'
 * firstLine('A\nB') // 'A'
 * ```
 */
export function firstLine(text: string): string {
  const l = text.trim().split('\n', 1)[0]!.trim()
  return l.length > 200 ? l.slice(0, 197) + '...' : l
}
