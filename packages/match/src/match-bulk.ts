import type { Finding, Inventory, Package, Severity, Warning } from '@stowaway/core'
import { StowawayError } from '@stowaway/core'
import { compareKeys, findSchemeForEcosystem, referenceBackend, sortKey } from '@stowaway/version'
import type { SchemeId } from '@stowaway/version'
import type { AdvisoryDb } from './db.ts'
import type { Shard } from './db-shard.ts'
import { cpeHit, decideEntry, toFindingSeverities } from './decide-entry.ts'
import type { Hit } from './decide-entry.ts'
import { describeRange, evaluateEntry, fixedVersionsOf } from './evaluate.ts'
import type { SchemeCompare } from './evaluate.ts'
import type { MatchOptions, MatchResult } from './match.ts'
import type { MatchTarget } from './match-target.ts'
import { targetOf } from './match-target.ts'
import { cmpStr, mergeAliases } from './merge-aliases.ts'
import { normalisePackageName } from './package-name.ts'
import { pickSeverity } from './severity.ts'
import { MATCH_CODE, MatchBatch } from './wasm-matcher.ts'
import type { MatchCore } from './wasm-matcher.ts'

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
/**
 * The bulk path of {@link matchInventory}: the same walk over the inventory as the
 * reference, but every (package key, version) goes into one {@link MatchBatch}; WASM
 * looks up and evaluates, findings are built from shared per-entry templates.
 *
 * @param inv packages to check
 * @param db the compiled DB
 * @param core the backend's bulk core
 * @param options CPE mode and abort signal
 * @returns findings and warnings, identical to the reference matcher's
 * @example
 * ```ts
 * import { matchBulk } from './match-bulk.ts'
 * // matchInventory calls it when the backend carries a core (matchCoreOf)
 * ```
 */
export async function matchBulk(inv: Inventory, db: AdvisoryDb, core: MatchCore, options: MatchOptions): Promise<MatchResult> {
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
