import type { FeedResult } from './feed-result.ts'
import type { OvalCriteria, OvalDefinition } from './oval-criteria.ts'
import { ovalAdvisory } from './oval-criteria.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/**
 * Whether a parsed JSON document is one OVAL definition in the vuln-list layout
 * (`oval/oracle/<year>/ELSA-….json`, `oval/<N>/rhel-<N>-…/definitions/<year>/….json`):
 * a `Criteria` tree beside `Title` (Oracle) or `Metadata` (Red Hat).
 *
 * @param doc parsed JSON
 * @returns true for such a definition
 * @example
 * ```ts
 * import { isOvalJson } from '@stowaway/match'
 * isOvalJson({ Title: 'ELSA-2007-0057: bind', Platform: ['Oracle Linux 5'], Criteria: {} }) // true
 * ```
 */
export function isOvalJson(doc: unknown): boolean {
  return isObj(doc) && isObj(doc.Criteria) && (typeof doc.Title === 'string' || isObj(doc.Metadata))
}

function tree(c: unknown, depth = 0): OvalCriteria {
  const n = isObj(c) ? c : {}
  return {
    criterions: arr(n.Criterions).map((x) => (isObj(x) ? str(x.Comment) : undefined)).filter((x): x is string => !!x),
    // Real definitions nest a handful of levels; the bound only stops hostile input.
    children: depth > 64 ? [] : arr(n.Criterias).map((x) => tree(x, depth + 1)),
  }
}

function refsOf(list: unknown, source: string, id: string, url: string): OvalDefinition['refs'] {
  return arr(list)
    .filter(isObj)
    .map((r) => {
      const u = str(r[url])
      return { source: str(r[source]) ?? '', id: str(r[id]) ?? '', ...(u ? { url: u } : {}) }
    })
}

/**
 * Read one vuln-list OVAL definition (Oracle ELSA or Red Hat OVAL v2) with the same
 * criterion rules as the XML feeds (see {@link ovalAdvisory}): Oracle's
 * `Platform`/`Severity`/`References`, Red Hat's `Metadata` (`AffectedList` platforms,
 * `Advisory.Severity` as Red Hat's rating, per-CVE `Cvss3` vectors). Red Hat definitions
 * of EUS/AUS/E4S/TUS streams (a `rhel-<N>.<m>-eus/` path) are skipped: only mainline
 * releases are ingested, as for Red Hat's other feeds.
 *
 * @param doc parsed JSON (see {@link isOvalJson})
 * @param path file path (release and stream hints)
 * @returns the advisory or the skip reasons
 * @example
 * ```ts
 * import { parseOvalJson } from '@stowaway/match'
 * parseOvalJson({ Title: 'ELSA-2021-9280: glibc', Platform: ['Oracle Linux 8'], References: [{ Source: 'elsa', ID: 'ELSA-2021-9280' }], Criteria: { Criterions: [{ Comment: 'glibc is earlier than 2:2.28-151.0.1.el8' }] } }).advisories[0]?.affected[0]?.ecosystem // 'Oracle Linux:8'
 * ```
 */
export function parseOvalJson(doc: unknown, path = ''): FeedResult {
  const d = doc as Obj
  const skipped: string[] = []
  if (/rhel-\d+\.\d+-(eus|aus|e4s|tus)\//i.test(path)) {
    return { format: 'oval-json', advisories: [], skipped: ['Red Hat fix for an EUS/AUS/E4S/extras stream or another product (only mainline RHEL releases are ingested)'] }
  }
  let def: OvalDefinition
  if (isObj(d.Metadata)) {
    const m = d.Metadata
    const adv = isObj(m.Advisory) ? m.Advisory : {}
    const cves = arr(adv.Cves).filter(isObj)
    def = {
      title: str(m.Title) ?? '',
      refs: refsOf(m.References, 'Source', 'RefID', 'RefURL'),
      platforms: arr(m.AffectedList).flatMap((a) => (isObj(a) ? arr(a.Platforms) : [])).filter((p): p is string => typeof p === 'string'),
      cvss3: cves.map((c) => str(c.Cvss3)?.replace(/^[\d.]+\//, '')).filter((v): v is string => !!v && v.startsWith('CVSS:3')),
      criteria: tree(d.Criteria),
    }
    const cls = str(d.Class)
    const id = str(d.ID)
    const severity = str(adv.Severity)
    const issued = isObj(adv.Issued) ? str(adv.Issued.Date) : undefined
    if (cls) def.cls = cls
    if (id) def.defId = id
    if (severity) def.severity = severity
    if (issued) def.issued = issued
  } else {
    // Oracle's layout names no class; every ELSA definition is a patch.
    def = {
      cls: 'patch',
      title: str(d.Title) ?? '',
      refs: refsOf(d.References, 'Source', 'ID', 'URI'),
      platforms: arr(d.Platform).filter((p): p is string => typeof p === 'string'),
      criteria: tree(d.Criteria),
    }
    const severity = str(d.Severity)
    if (severity) def.severity = severity
  }
  const fromPath = /oval\/(\d+)\/rhel-/.exec(path)?.[1]
  const adv = ovalAdvisory(def, skipped, fromPath ? `Red Hat:${fromPath}` : undefined)
  return { format: 'oval-json', advisories: adv ? [adv] : [], skipped }
}
