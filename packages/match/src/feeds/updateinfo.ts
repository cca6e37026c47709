import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'
import { cveIds } from './feed-result.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined)

/**
 * One package list of a yum `updateinfo` errata record, as the JSON renderings of
 * Amazon ALAS, Rocky RLSA and AlmaLinux ALSA carry it: the packages and whether they
 * belong to a module stream.
 *
 * @example
 * ```ts
 * import type { UpdateinfoCollection } from '@stowaway/match'
 * const c: UpdateinfoCollection = { packages: [{ name: 'bind', epoch: '32', version: '9.11.26', release: '4.el8_4' }], module: false }
 * ```
 */
export interface UpdateinfoCollection {
  packages: unknown[]
  module: boolean
}

/**
 * What differs between the publishers of updateinfo errata.
 *
 * @example
 * ```ts
 * import type { UpdateinfoSpec } from '@stowaway/match'
 * const s: UpdateinfoSpec = { format: 'amazon-alas', ecosystem: 'Amazon Linux:2', rating: 'Amazon Linux', id: 'ALAS2-2021-1699', collections: [] }
 * ```
 */
export interface UpdateinfoSpec {
  format: string
  /** Ecosystem with release; undefined when neither file nor record names the release. */
  ecosystem: string | undefined
  /** Source label of the publisher's severity word. */
  rating: string
  id: string
  collections: UpdateinfoCollection[]
}

// `epoch` "0" is the rpm default and is left out, as the other rpm feeds write versions.
function evr(p: Obj): string | undefined {
  const version = str(p.version)
  const release = str(p.release)
  if (!version || !release) return undefined
  const epoch = str(p.epoch)
  return `${epoch && epoch !== '0' ? epoch + ':' : ''}${version}-${release}`
}

/**
 * Turn a yum updateinfo errata record into an advisory: every (binary) package of a
 * non-module collection is fixed in the listed build; the errata id stays the id, its
 * CVEs become aliases, its severity is the publisher's rating. Packages listed once per
 * architecture collapse to one entry (the builds are the same).
 *
 * @param doc the parsed record
 * @param spec publisher specifics
 * @returns the advisory or skip reasons
 * @example
 * ```ts
 * import { parseUpdateinfo } from '@stowaway/match'
 * const doc = { id: 'ALAS2-2021-1699', severity: 'low', cveids: ['CVE-2021-22543'] }
 * parseUpdateinfo(doc, { format: 'amazon-alas', ecosystem: 'Amazon Linux:2', rating: 'Amazon Linux', id: doc.id, collections: [{ module: false, packages: [{ name: 'kernel', epoch: '0', version: '4.14.243', release: '185.433.amzn2' }] }] }).advisories[0]?.affected[0]?.ranges
 * ```
 */
export function parseUpdateinfo(doc: unknown, spec: UpdateinfoSpec): FeedResult {
  const d = doc as Obj
  const skipped: string[] = []
  if (!spec.ecosystem) return { format: spec.format, advisories: [], skipped: ['errata record whose release is named neither by its path nor its packages'] }
  const entries = new Map<string, AffectedPackage>()
  for (const c of spec.collections) {
    if (c.module) {
      skipped.push('errata fix in a module stream (module-aware matching not supported)')
      continue
    }
    for (const p of c.packages) {
      if (!isObj(p)) continue
      const name = str(p.name)
      const fixed = evr(p)
      if (!name || !fixed) {
        skipped.push('errata package without name, version or release')
        continue
      }
      if (!entries.has(name)) entries.set(name, { ecosystem: spec.ecosystem, name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] })
    }
  }
  if (entries.size === 0) return { format: spec.format, advisories: [], skipped: skipped.length ? skipped : ['errata record without packages'] }
  const refCves = arr(d.references).flatMap((r) => (isObj(r) && str(r.type) === 'cve' ? cveIds(str(r.id) ?? '') : []))
  const aliases = [...new Set([...arr(d.cveids).flatMap((c) => cveIds(str(c) ?? '')), ...refCves])].filter((a) => a !== spec.id)
  const adv: Advisory = {
    id: spec.id,
    aliases,
    severities: [],
    references: [...new Set(arr(d.references).flatMap((r) => (isObj(r) && str(r.href) ? [str(r.href)!] : [])))],
    affected: [...entries.values()],
  }
  const severity = str(d.severity)
  if (severity) adv.severities.push(scoreSeverity('RATING', severity, spec.rating))
  const title = str(d.title)
  if (title) adv.summary = firstLine(title)
  const issued = isObj(d.issued) ? str(d.issued.date) : undefined
  if (issued) adv.published = issued
  return { format: spec.format, advisories: [adv], skipped }
}

/**
 * The `.el<N>` (or `.amzn<N>`) release tag of the first package with one.
 *
 * @param collections package lists
 * @param tag `el` or `amzn`
 * @returns the major release, or undefined
 * @example
 * ```ts
 * import { releaseFromPackages } from '@stowaway/match'
 * releaseFromPackages([{ module: false, packages: [{ release: '4.el8_4' }] }], 'el') // '8'
 * ```
 */
export function releaseFromPackages(collections: UpdateinfoCollection[], tag: string): string | undefined {
  const re = new RegExp(`\\.${tag}(\\d+)`)
  for (const c of collections) for (const p of c.packages) if (isObj(p)) {
    const m = re.exec(str(p.release) ?? '')
    if (m) return m[1]
  }
  return undefined
}
