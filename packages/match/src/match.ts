import type { Finding, Inventory, Package, Severity, Warning } from '@stowaway/core'
import { StowawayError } from '@stowaway/core'
import { Scheme, compareKeys, findSchemeForEcosystem, getVersionBackend, referenceBackend, sortKey } from '@stowaway/version'
import type { CompareCode, SchemeId, VersionBackend } from '@stowaway/version'
import type { AdvisorySeverity } from './advisory.ts'
import type { AdvisoryDb } from './db.ts'
import type { Shard, ShardEntry } from './db-shard.ts'
import { describeRange, evaluateEntry, fixedVersionsOf } from './evaluate.ts'
import type { EntryVerdict, SchemeCompare } from './evaluate.ts'
import { MATCH_CODE, MatchBatch, matchCoreOf } from './wasm-matcher.ts'
import type { MatchCore } from './wasm-matcher.ts'
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
   * `batched` (default): with the WASM core, the bulk matcher — every shard's match
   * region lives in WASM memory and one call looks up and evaluates every package
   * (entries with native expressions come back to the TypeScript evaluator); with a
   * backend that has no bulk core, every installed-vs-bound comparison is sent in one
   * `compareMany` call per scheme. `reference`: the plain TypeScript matcher, comparing
   * pair by pair with the TypeScript reference backend.
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
  if (options.mode !== 'reference') {
    const backend = options.backend ?? getVersionBackend()
    const core = matchCoreOf(backend)
    if (core) return matchBulk(inv, db, core, backend, options)
  }
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

// One entry's verdict → a warning, a finding, or nothing.
function decideEntry(h: Hit, { advisory, affected }: ShardEntry, v: EntryVerdict, perPkg: Finding[], warnings: Warning[]): void {
  if (v.status === 'not-evaluable') {
    warnings.push({ code: 'INVALID_VERSION', message: `Cannot evaluate "${advisory.id}" for ${h.pkg.name} ${h.target.version}: ${v.reason}` })
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
  const layer = h.pkg.locations?.find((l) => l.layer)?.layer
  if (layer) f.layer = layer
  perPkg.push(f)
}

function decide(hits: Hit[], cmp: SchemeCompare, warnings: Warning[]): MatchResult {
  const findings: Finding[] = []
  for (const h of hits) {
    const perPkg: Finding[] = []
    for (const e of h.entries) decideEntry(h, e, evaluateEntry(h.scheme, h.target.version, e.affected, cmp), perPkg, warnings)
    findings.push(...mergeAliases(perPkg))
  }
  sortFindings(findings)
  return { findings, warnings }
}

function sortFindings(findings: Finding[]): void {
  findings.sort((a, b) => cmpStr(a.package.name, b.package.name) || cmpStr(a.package.version, b.package.version) || cmpStr(a.id, b.id))
}

// What a finding takes from an entry, whatever the installed version: built once per
// entry and shared (frozen) by every finding of it.
interface FindingTemplate {
  id: string
  aliases: string[]
  fixedVersions: string[]
  status: Finding['status']
  severity: Severity
  severities: NonNullable<Finding['severities']>
  references: string[]
  summary: string | undefined
  /** The finding's `ranges` when range 0 matched (kept inline: most entries have one range). */
  range0: string[]
  /** The same per range index. */
  ranges: string[][]
  /** The id and aliases as numbers ({@link idNumbersOf}). */
  ids: Uint32Array
}

// Per shard, templates by entry index in chunks of 1024 (small fast arrays rather than
// one sparse array or a map: this lookup runs once per finding).
type TemplateTable = (FindingTemplate | undefined)[][]
const templates = new WeakMap<Shard, TemplateTable>()

function templatesOf(shard: Shard): TemplateTable {
  let list = templates.get(shard)
  if (!list) templates.set(shard, (list = []))
  return list
}

function templateOf(shard: Shard, list: TemplateTable, i: number): FindingTemplate {
  const chunk = (list[i >> 10] ??= new Array<FindingTemplate | undefined>(1024).fill(undefined))
  let t = chunk[i & 1023]
  if (!t) {
    const { advisory, affected } = shard.entry(i)
    const sevs = affected.severity ? [affected.severity, ...advisory.severities] : advisory.severities
    const fixed = Object.freeze(fixedVersionsOf(affected)) as string[]
    t = {
      id: advisory.id,
      aliases: Object.freeze([...advisory.aliases]) as string[],
      fixedVersions: fixed,
      status: affected.status ?? (fixed.length ? 'fixed' : 'not-fixed'),
      severity: pickSeverity(sevs),
      severities: Object.freeze(toFindingSeverities(sevs)) as NonNullable<Finding['severities']>,
      references: Object.freeze([...advisory.references]) as string[],
      summary: advisory.summary || undefined,
      range0: [],
      ranges: (affected.ranges ?? []).map((r) => Object.freeze([describeRange(r.events)]) as string[]),
      ids: idNumbersOf([advisory.id, ...advisory.aliases]),
    }
    t.range0 = t.ranges[0] ?? t.range0
    chunk[i & 1023] = t
  }
  return t
}

// One literal per property set, so every finding is created with its final shape
// (same keys, same order as decideEntry's).
function findingOf(t: FindingTemplate, pkg: Package, ranges: string[], layer: string | undefined): Finding {
  const { id, aliases, fixedVersions, status, severity, severities, references, summary } = t
  if (summary) {
    if (layer) return { id, aliases, package: pkg, fixedVersions, status, severity, severities, ranges, references, summary, layer }
    return { id, aliases, package: pkg, fixedVersions, status, severity, severities, ranges, references, summary }
  }
  if (layer) return { id, aliases, package: pkg, fixedVersions, status, severity, severities, ranges, references, layer }
  return { id, aliases, package: pkg, fixedVersions, status, severity, severities, ranges, references }
}

// Ids and aliases as small integers, so the overlap check below stamps an array
// instead of building a set per package.
const idNumbers = new Map<string, number>()
let stamps = new Uint32Array(1024)
let stamp = 0

function idNumbersOf(ids: readonly string[]): Uint32Array {
  const out = new Uint32Array(ids.length)
  ids.forEach((id, i) => {
    let n = idNumbers.get(id)
    if (n === undefined) idNumbers.set(id, (n = idNumbers.size))
    out[i] = n
  })
  if (idNumbers.size > stamps.length) {
    const grown = new Uint32Array(Math.max(idNumbers.size, stamps.length * 2))
    grown.set(stamps)
    stamps = grown
  }
  return out
}

// Merging only changes anything when two findings of one package share an id or alias;
// `nums[i]` are the id numbers of `list[i]` (undefined: not from a template).
function mergeIfOverlapping(list: Finding[], nums: (Uint32Array | undefined)[]): Finding[] {
  if (list.length < 2) return list
  if (++stamp === 0xffffffff) {
    stamps.fill(0)
    stamp = 1
  }
  for (let i = 0; i < list.length; i++) {
    const ns = nums[i]
    if (!ns) return mergeAliases(list)
    for (let j = 0; j < ns.length; j++) {
      if (stamps[ns[j]!] === stamp) return mergeAliases(list)
      stamps[ns[j]!] = stamp
    }
  }
  return list
}

const INVALID_REASON: Record<number, string> = {
  [MATCH_CODE.INVALID_RANGE]: 'a range or the installed version is invalid for the scheme',
  [MATCH_CODE.NOTHING]: 'entry has nothing to evaluate',
}

interface BulkJob {
  pkg: Package
  cpe?: Hit
  target?: MatchTarget
  scheme?: SchemeId
  shard?: Shard
  /** Queries [q0, q1) of the batch. */
  q0: number
  q1: number
}

// The bulk path: the same walk over the inventory as the reference, but every
// (package key, version) goes into one MatchBatch; WASM looks up and evaluates, and
// findings are built from shared per-entry templates.
async function matchBulk(inv: Inventory, db: AdvisoryDb, core: MatchCore, backend: VersionBackend, options: MatchOptions): Promise<MatchResult> {
  const warnings: Warning[] = []
  const missing = new Set<string>()
  const shards = new Map<string, Shard | undefined>()
  const schemes = new Map<string, SchemeId | undefined>()
  const cpeMode = options.cpe ?? 'no-ecosystem'
  const nvd = cpeMode !== 'off' && db.has('NVD') ? await db.shard('NVD') : undefined
  const batch = new MatchBatch(core)
  const jobs: BulkJob[] = []
  for (const pkg of inv.packages) {
    if (options.signal?.aborted) throw new StowawayError('ABORTED', 'Cannot match inventory: aborted', { cause: options.signal.reason })
    const target = targetOf(pkg, inv)
    const cpe = nvd && pkg.cpes?.length && (!target || cpeMode === 'all') ? cpeHit(pkg, nvd) : undefined
    const job: BulkJob = { pkg, q0: batch.count, q1: batch.count }
    if (cpe) job.cpe = cpe
    if (target && target.version) {
      let scheme = schemes.get(target.ecosystem)
      if (scheme === undefined && !schemes.has(target.ecosystem)) schemes.set(target.ecosystem, (scheme = findSchemeForEcosystem(target.ecosystem)))
      if (scheme !== undefined) {
        let shard = shards.get(target.ecosystem)
        if (shard === undefined && !shards.has(target.ecosystem)) {
          shard = await db.shard(target.ecosystem)
          shards.set(target.ecosystem, shard)
        }
        if (!shard) missing.add(target.ecosystem)
        else {
          job.target = target
          job.scheme = scheme
          job.shard = shard
          const first = normalisePackageName(target.ecosystem, target.names[0]!)
          batch.add(shard, scheme, first, target.version)
          // A second name (the binary beside its source) only when it is another key.
          for (let n = 1; n < target.names.length; n++) {
            const k = normalisePackageName(target.ecosystem, target.names[n]!)
            if (k !== first && !target.names.slice(1, n).some((x) => normalisePackageName(target.ecosystem, x) === k)) batch.add(shard, scheme, k, target.version)
          }
          job.q1 = batch.count
        }
      }
    }
    if (job.cpe || job.shard) jobs.push(job)
  }
  for (const eco of missing) warnings.push({ code: 'NOT_FOUND', message: `Cannot match packages of "${eco}": the DB has no advisories for it` })

  const results = batch.count ? batch.run() : { query: new Uint32Array(), entry: new Uint32Array(), code: new Uint32Array() }
  const sorted: boolean[] = []
  const perJob = buildFindings(jobs, results, warnings, sorted)
  return { findings: sortByPackage(jobs, perJob, sorted), warnings }
}

// Entries left to JavaScript (native expressions, CPE candidates) compare in JavaScript:
// one compare at a time costs less there than a round trip into WASM memory. Versions
// are compared through their sort keys (memoised per scheme and string: a native range
// compares the same installed version with many bounds) when both have one, else with
// the TypeScript reference; keys order exactly as compare() does.
const keyMemo: Map<string, Uint8Array | null>[] = []
let keyMemoSize = 0

function memoKey(s: SchemeId, v: string): Uint8Array | null {
  // Bounded: a long-running process matching many inventories starts over.
  if (keyMemoSize > 200_000) {
    keyMemo.length = 0
    keyMemoSize = 0
  }
  const m = (keyMemo[s] ??= new Map())
  let k = m.get(v)
  if (k === undefined) {
    m.set(v, (k = sortKey(s, v) ?? null))
    keyMemoSize++
  }
  return k
}

const tsCompare: SchemeCompare = (s, a, b) => {
  const ka = memoKey(s, a)
  const kb = ka && memoKey(s, b)
  return ka && kb ? compareKeys(ka, kb) : referenceBackend.compare(s, a, b)
}

// Findings per job, from the batch results (in job order: queries were added job by job).
// `sorted[j]`: job j's findings are already in id order. Entries under one key are
// stored in advisory id order (buildDb sorts records by id), so the findings of a job
// with one key, no CPE candidates and no merge come out sorted.
function buildFindings(jobs: BulkJob[], results: ReturnType<MatchBatch['run']>, warnings: Warning[], sorted: boolean[]): Finding[][] {
  const { query, entry, code } = results
  const perJob: Finding[][] = []
  let k = 0
  for (const job of jobs) {
    let out: Finding[] = job.cpe ? cpeFindings(job.cpe, warnings) : []
    let inOrder = !job.cpe
    if (job.shard) {
      const end = k
      let e = k
      while (e < query.length && query[e]! < job.q1) e++
      k = e
      const own = jobFindings(job, job.shard, entry, code, end, e, warnings)
      if (own.length && (own !== mergeScratch.last || job.q1 - job.q0 > 1)) inOrder = false
      out = out.length ? out.concat(own) : own
    }
    perJob.push(out)
    sorted.push(inOrder)
  }
  return perJob
}

// The list jobFindings built before merging, to tell whether a merge happened.
const mergeScratch: { last: Finding[] | undefined } = { last: undefined }

function cpeFindings(hit: Hit, warnings: Warning[]): Finding[] {
  const perPkg: Finding[] = []
  for (const e of hit.entries) decideEntry(hit, e, evaluateEntry(hit.scheme, hit.target.version, e.affected, tsCompare), perPkg, warnings)
  return mergeAliases(perPkg)
}

// Id numbers of the findings being built for one job (reused: consumed before the next).
const idScratch: (Uint32Array | undefined)[] = []

// One job's results [from, to): findings from shared templates; native entries and
// warnings through the same code as the reference.
function jobFindings(job: BulkJob, shard: Shard, entry: Uint32Array, code: Uint32Array, from: number, to: number, warnings: Warning[]): Finding[] {
  const target = job.target!
  const list = templatesOf(shard)
  const layer = job.pkg.locations?.find((l) => l.layer)?.layer
  const perPkg: Finding[] = []
  const nums = idScratch
  nums.length = 0
  let listed: string[] | undefined
  let hit: Hit | undefined
  for (let k = from; k < to; k++) {
    const i = entry[k]!
    const c = code[k]! & 0xff
    if (c === MATCH_CODE.AFFECTED_RANGE || c === MATCH_CODE.AFFECTED_LISTED) {
      const t = templateOf(shard, list, i)
      const r = code[k]! >>> 8
      const ranges = c === MATCH_CODE.AFFECTED_RANGE ? (r === 0 ? t.range0 : t.ranges[r]!) : (listed ??= Object.freeze([`=${target.version}`]) as string[])
      perPkg.push(findingOf(t, job.pkg, ranges, layer))
      nums.push(t.ids)
    } else if (c === MATCH_CODE.NATIVE) {
      const before = perPkg.length
      const e = shard.entry(i)
      hit ??= { pkg: job.pkg, target, scheme: job.scheme!, entries: [] }
      decideEntry(hit, e, evaluateEntry(hit.scheme, target.version, e.affected, tsCompare), perPkg, warnings)
      if (perPkg.length > before) nums.push(templateOf(shard, list, i).ids)
    } else {
      const reason = INVALID_REASON[c] ?? `installed version "${target.version}" is invalid for the scheme`
      warnings.push({ code: 'INVALID_VERSION', message: `Cannot evaluate "${shard.entry(i).advisory.id}" for ${job.pkg.name} ${target.version}: ${reason}` })
    }
  }
  mergeScratch.last = perPkg
  return mergeIfOverlapping(perPkg, nums)
}

// The order sortFindings gives (package name, version, id; stable), reached by sorting
// packages and then each package's few findings: equal (name, version) packages are
// pooled first so their findings interleave by id as one stable sort would.
function sortByPackage(jobs: BulkJob[], perJob: Finding[][], sorted: boolean[]): Finding[] {
  const order: number[] = []
  // Names and versions side by side: the comparator reads two arrays, not three objects.
  const names: string[] = []
  const versions: string[] = []
  for (let j = 0; j < jobs.length; j++) {
    names.push(jobs[j]!.pkg.name)
    versions.push(jobs[j]!.pkg.version)
    if (perJob[j]!.length) order.push(j)
  }
  order.sort((a, b) => cmpStr(names[a]!, names[b]!) || cmpStr(versions[a]!, versions[b]!) || a - b)
  const findings: Finding[] = []
  const byId = (a: Finding, b: Finding) => cmpStr(a.id, b.id)
  for (let x = 0; x < order.length; ) {
    const j = order[x]!
    let y = x + 1
    while (y < order.length && names[order[y]!] === names[j] && versions[order[y]!] === versions[j]) y++
    let run = perJob[order[x]!]!
    if (y > x + 1) {
      run = run.slice()
      for (let z = x + 1; z < y; z++) run.push(...perJob[order[z]!]!)
    }
    if (run.length > 1 && !(y === x + 1 && sorted[j])) run = (run === perJob[j] ? run.slice() : run).sort(byId)
    for (const f of run) findings.push(f)
    x = y
  }
  return findings
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
