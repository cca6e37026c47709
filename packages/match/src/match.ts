import type { Finding, Inventory, Package, Warning } from '@stowaway/core'
import { StowawayError } from '@stowaway/core'
import { Scheme, findSchemeForEcosystem, getVersionBackend, referenceBackend } from '@stowaway/version'
import type { CompareCode, SchemeId, VersionBackend } from '@stowaway/version'
import type { AdvisorySeverity } from './advisory.ts'
import type { AdvisoryDb } from './db.ts'
import type { Shard, ShardEntry } from './db-shard.ts'
import { evaluateEntry } from './evaluate.ts'
import type { SchemeCompare } from './evaluate.ts'
import { normalisePackageName } from './package-name.ts'
import { distroEcosystem, purlToTarget } from './purl-ecosystem.ts'
import { pickSeverity } from './severity.ts'
import { cpeMatches, parseCpe } from './cpe.ts'
import type { Wfn } from './cpe.ts'

/**
 * Options of {@link matchInventory}.
 *
 * @example
 * ```ts
 * import type { MatchOptions } from '@stowaway/match'
 * const o: MatchOptions = { mode: 'batched' }
 * ```
 */
export interface MatchOptions {
  /**
   * `batched` (default): collect every installed-vs-bound comparison, send each
   * scheme's pairs to the backend in one `compareMany` call (one WASM call), then
   * decide. `reference`: compare pair by pair with the TypeScript reference backend.
   */
  mode?: 'batched' | 'reference'
  /** Backend for `batched` mode; default the active one (WASM after `initVersionCore()`). */
  backend?: VersionBackend
  /**
   * CPE matching against the DB's `NVD` shard (NISTIR 7696 names, versions ordered as
   * Maven orders them): `no-ecosystem` (default) only for packages whose ecosystem is
   * unknown (binaries, generic components); `all` also for packages that have native
   * advisories (expect false positives, as Grype learned); `off` never.
   */
  cpe?: 'off' | 'no-ecosystem' | 'all'
  /** Abort the scan (checked between packages); rejects with `ABORTED`. */
  signal?: AbortSignal
}

/** Findings plus the warnings met (packages not evaluable, no shard …). */
export interface MatchResult {
  findings: Finding[]
  warnings: Warning[]
}

/**
 * Where one package is looked up: ecosystem, candidate names (source package first
 * for distro packages), and the version to compare.
 *
 * @example
 * ```ts
 * import type { MatchTarget } from '@stowaway/match'
 * const t: MatchTarget = { ecosystem: 'Alpine:v3.9', names: ['openssl', 'libcrypto1.1'], version: '1.1.1a-r1' }
 * ```
 */
export interface MatchTarget {
  ecosystem: string
  names: string[]
  version: string
}

const DISTRO_TYPES = new Set(['deb', 'apk', 'rpm'])

/**
 * Resolve the lookup target of a package: its own `ecosystem`, else its purl's, else
 * the inventory's distro for OS packages. Distro packages look up their source name
 * then their binary name; Go's `stdlib` version `go1.x.y` compares as `1.x.y`.
 *
 * @param pkg the package
 * @param inv the inventory (for its distro)
 * @returns the target, or undefined when no ecosystem can be told
 * @example
 * ```ts
 * import { targetOf } from '@stowaway/match'
 * targetOf({ name: 'libcrypto1.1', version: '1.1.1a-r1', type: 'apk', source: { name: 'openssl' } }, { packages: [], distro: { id: 'alpine', versionId: '3.9.2' }, warnings: [] })
 * // { ecosystem: 'Alpine:v3.9', names: ['openssl', 'libcrypto1.1'], version: '1.1.1a-r1' }
 * ```
 */
export function targetOf(pkg: Package, inv?: Inventory): MatchTarget | undefined {
  const fromPurl = pkg.purl ? purlToTarget(pkg.purl) : undefined
  let ecosystem = pkg.ecosystem ?? fromPurl?.ecosystem
  // OS packages whose ecosystem names no release (`Red Hat`) take it from the distro.
  if ((!ecosystem || !ecosystem.includes(':')) && DISTRO_TYPES.has(pkg.type) && inv?.distro) ecosystem = distroEcosystem(inv.distro.id, inv.distro.versionId) ?? ecosystem
  if (!ecosystem) return undefined
  let version = pkg.version || fromPurl?.version || ''
  let name = pkg.name
  if (fromPurl && fromPurl.ecosystem === ecosystem && !DISTRO_TYPES.has(pkg.type)) name = fromPurl.name
  if (ecosystem === 'Go' && name === 'stdlib' && version.startsWith('go')) version = version.slice(2)
  const names: string[] = []
  const src = pkg.source?.name ?? fromPurl?.sourceName
  if (src && DISTRO_TYPES.has(pkg.type)) names.push(src)
  if (!names.includes(name)) names.push(name)
  return { ecosystem, names, version }
}

// Candidate NVD entries for a package's CPEs: looked up by vendor:product, kept when
// the entry's criteria (version part widened to ANY when the entry carries a range)
// is a superset of the package's CPE; versions are then decided like any range.
function cpeHit(pkg: Package, nvd: Shard): Hit | undefined {
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

interface Hit {
  pkg: Package
  target: MatchTarget
  scheme: SchemeId
  entries: ShardEntry[]
}

function toFindingSeverities(list: AdvisorySeverity[]): NonNullable<Finding['severities']> {
  return list.map((s) => ({
    type: s.type,
    ...(s.score !== undefined ? { score: s.score } : {}),
    ...(s.vector ? { vector: s.vector } : s.rating && s.type === 'RATING' ? { vector: s.rating } : {}),
    ...(s.source ? { source: s.source } : {}),
  }))
}

/**
 * Match an inventory against a compiled DB: one finding per (package,
 * vulnerability), advisories that alias each other merged into one finding.
 * Both modes run the same decision code; they differ only in how comparisons reach
 * the version backend.
 *
 * @param inv packages to check
 * @param db the compiled DB
 * @param options mode and backend
 * @returns findings sorted by package then id, and warnings
 * @example
 * ```ts
 * import { matchInventory } from '@stowaway/match'
 * import type { AdvisoryDb } from '@stowaway/match'
 * declare const db: AdvisoryDb
 * const { findings } = await matchInventory({ packages: [{ name: 'musl', version: '1.1.20-r3', type: 'apk', ecosystem: 'Alpine:v3.9' }], warnings: [] }, db)
 * ```
 */
export async function matchInventory(inv: Inventory, db: AdvisoryDb, options: MatchOptions = {}): Promise<MatchResult> {
  const warnings: Warning[] = []
  const hits: Hit[] = []
  const missing = new Set<string>()
  const shards = new Map<string, Shard | undefined>()
  const cpeMode = options.cpe ?? 'no-ecosystem'
  const nvd = cpeMode !== 'off' && db.has('NVD') ? await db.shard('NVD') : undefined
  for (const pkg of inv.packages) {
    if (options.signal?.aborted) throw new StowawayError('ABORTED', 'Cannot match inventory: aborted', { cause: options.signal.reason })
    const target = targetOf(pkg, inv)
    if (nvd && pkg.cpes?.length && (!target || cpeMode === 'all')) {
      const hit = cpeHit(pkg, nvd)
      if (hit) hits.push(hit)
    }
    if (!target || !target.version) continue
    const scheme = findSchemeForEcosystem(target.ecosystem)
    if (scheme === undefined) continue
    // One await per ecosystem, not per package.
    let shard = shards.get(target.ecosystem)
    if (shard === undefined && !shards.has(target.ecosystem)) {
      shard = await db.shard(target.ecosystem)
      shards.set(target.ecosystem, shard)
    }
    if (!shard) {
      missing.add(target.ecosystem)
      continue
    }
    const seen = new Set<string>()
    const entries: ShardEntry[] = []
    for (const n of target.names) {
      for (const e of shard.lookup(normalisePackageName(target.ecosystem, n))) {
        const k = e.advisory.id + '\0' + e.affected.name
        if (!seen.has(k)) {
          seen.add(k)
          entries.push(e)
        }
      }
    }
    if (entries.length) hits.push({ pkg, target, scheme, entries })
  }
  for (const eco of missing) warnings.push({ code: 'NOT_FOUND', message: `Cannot match packages of "${eco}": the DB has no advisories for it` })

  const cmp = options.mode === 'reference' ? (s: SchemeId, a: string, b: string) => referenceBackend.compare(s, a, b) : await batchedCompare(hits, options.backend ?? getVersionBackend())
  return decide(hits, cmp, warnings)
}

// First pass: record every installed-vs-bound pair the decision will need (range
// events, and native ranges through a recording compare); one compareMany per scheme;
// the decision then reads the cache, falling back to single compares for any pair a
// native range asked for only after seeing real answers.
async function batchedCompare(hits: Hit[], backend: VersionBackend): Promise<SchemeCompare> {
  // scheme → installed → bound → code; nested maps avoid building a key string per pair.
  const pairs = new Map<SchemeId, Map<string, Map<string, number>>>()
  const as: string[][] = []
  const bs: string[][] = []
  const want: SchemeCompare = (s, a, b) => {
    let m = pairs.get(s)
    if (!m) {
      pairs.set(s, (m = new Map()))
      as[s] = []
      bs[s] = []
    }
    let inner = m.get(a)
    if (!inner) m.set(a, (inner = new Map()))
    if (!inner.has(b)) {
      inner.set(b, as[s]!.length)
      as[s]!.push(a)
      bs[s]!.push(b)
    }
    return 0
  }
  const strip = (x: string) => (x.startsWith('v') || x.startsWith('V') ? x.slice(1) : x)
  for (const h of hits) {
    for (const { affected } of h.entries) {
      // OSV ranges: the pairs are known without evaluating (installed vs every bound, and
      // the installed version against itself for the validity check).
      for (const r of affected.ranges ?? []) {
        const semver = r.type === 'SEMVER'
        const s = semver ? Scheme.Semver : h.scheme
        const v = semver ? strip(h.target.version) : h.target.version
        want(s, v, v)
        for (const e of r.events) {
          const b = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit
          if (b !== undefined && b !== '' && !(e.introduced === '0')) want(s, v, semver ? strip(b) : b)
        }
      }
      // Native ranges ask for comparisons inside their own logic: record them.
      if (affected.native || affected.nativeUnaffected) evaluateEntry(h.scheme, h.target.version, { ...affected, ranges: undefined, versions: undefined }, want)
    }
  }
  const codes: Int8Array[] = []
  for (const s of pairs.keys()) codes[s] = backend.compareMany(s, as[s]!, bs[s]!)
  return (s, a, b) => {
    const i = pairs.get(s)?.get(a)?.get(b)
    return i === undefined ? backend.compare(s, a, b) : (codes[s]![i] as CompareCode)
  }
}

function decide(hits: Hit[], cmp: SchemeCompare, warnings: Warning[]): MatchResult {
  const findings: Finding[] = []
  for (const h of hits) {
    const perPkg: Finding[] = []
    for (const { advisory, affected } of h.entries) {
      const v = evaluateEntry(h.scheme, h.target.version, affected, cmp)
      if (v.status === 'not-evaluable') {
        warnings.push({ code: 'INVALID_VERSION', message: `Cannot evaluate "${advisory.id}" for ${h.pkg.name} ${h.target.version}: ${v.reason}` })
        continue
      }
      if (v.status !== 'affected') continue
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
      const layer = h.pkg.locations?.find((l) => l.layer)?.layer
      if (layer) f.layer = layer
      perPkg.push(f)
    }
    findings.push(...mergeAliases(perPkg))
  }
  findings.sort((a, b) => cmpStr(a.package.name, b.package.name) || cmpStr(a.package.version, b.package.version) || cmpStr(a.id, b.id))
  return { findings, warnings }
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const RANK = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NEGLIGIBLE', 'UNKNOWN']
// Prefer ids a reader can look up directly: a distro advisory over a bare CVE only
// when the CVE is not itself a finding id.
function preferId(ids: string[]): string {
  const order = (id: string) => (id.startsWith('CVE-') ? 0 : id.startsWith('GHSA-') ? 1 : 2)
  return [...ids].sort((a, b) => order(a) - order(b) || cmpStr(a, b))[0]!
}

/**
 * Merge findings of one package whose ids or aliases overlap (a DSA and its CVE,
 * a GHSA and the PYSEC that aliases it) into one finding. The merged finding keeps the
 * CVE id when one is involved, unions aliases, fixed versions, ranges, references and
 * severities, and takes the highest severity and the most actionable status.
 *
 * @param list findings of one package
 * @returns merged findings
 * @example
 * ```ts
 * import { mergeAliases } from '@stowaway/match'
 * import type { Finding } from '@stowaway/core'
 * declare const a: Finding, b: Finding
 * mergeAliases([a, b]).length // 1 when b.aliases includes a.id
 * ```
 */
export function mergeAliases(list: Finding[]): Finding[] {
  const parent = list.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)))
  const owner = new Map<string, number>()
  list.forEach((f, i) => {
    for (const id of [f.id, ...f.aliases]) {
      const j = owner.get(id)
      if (j === undefined) owner.set(id, i)
      else parent[find(i)] = find(j)
    }
  })
  const groups = new Map<number, Finding[]>()
  list.forEach((f, i) => {
    const r = find(i)
    const g = groups.get(r)
    if (g) g.push(f)
    else groups.set(r, [f])
  })
  const out: Finding[] = []
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]!)
      continue
    }
    const ids = new Set(g.flatMap((f) => [f.id, ...f.aliases]))
    const id = preferId(g.map((f) => f.id).concat([...ids].filter((x) => x.startsWith('CVE-'))))
    ids.delete(id)
    const uniq = <T>(xs: T[]) => [...new Set(xs)]
    const status = g.some((f) => f.status === 'fixed') ? 'fixed' : g.some((f) => f.status === 'not-fixed') ? 'not-fixed' : g[0]!.status
    const severity = g.map((f) => f.severity).filter((s) => s !== 'UNKNOWN').sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0] ?? 'UNKNOWN'
    const m: Finding = {
      ...g[0]!,
      id,
      aliases: [...ids].sort(),
      fixedVersions: uniq(g.flatMap((f) => f.fixedVersions)),
      status,
      severity,
      severities: g.flatMap((f) => f.severities ?? []),
      ranges: uniq(g.flatMap((f) => f.ranges ?? [])),
      references: uniq(g.flatMap((f) => f.references ?? [])),
    }
    const summary = g.find((f) => f.summary)?.summary
    if (summary) m.summary = summary
    out.push(m)
  }
  return out
}
