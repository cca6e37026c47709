import type { Finding, Inventory, Warning } from '@stowaway/core'
import { StowawayError } from '@stowaway/core'
import { findSchemeForEcosystem, getVersionBackend, referenceBackend, Scheme } from '@stowaway/version'
import type { CompareCode, SchemeId, VersionBackend } from '@stowaway/version'
import type { AdvisoryDb } from './db.ts'
import type { Shard, ShardEntry } from './db-shard.ts'
import { cpeHit, decideEntry } from './decide-entry.ts'
import type { Hit } from './decide-entry.ts'
import { evaluateEntry } from './evaluate.ts'
import type { SchemeCompare } from './evaluate.ts'
import { matchBulk } from './match-bulk.ts'
import { targetOf } from './match-target.ts'
import { cmpStr, mergeAliases } from './merge-aliases.ts'
import { normalisePackageName } from './package-name.ts'
import { matchCoreOf } from './wasm-matcher.ts'

export { targetOf } from './match-target.ts'
export type { MatchTarget } from './match-target.ts'
export { mergeAliases } from './merge-aliases.ts'

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
    if (core) return matchBulk(inv, db, core, options)
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
