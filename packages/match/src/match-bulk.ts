import type { Finding, Inventory, Package, Severity, Warning } from '@stowaway/core'
import { StowawayError } from '@stowaway/core'
import { compareKeys, findSchemeForEcosystem, referenceBackend, sortKey } from '@stowaway/version'
import type { SchemeId } from '@stowaway/version'
import type { AdvisoryDb } from './db.ts'
import type { Shard } from './db-shard.ts'
import { cpeHit, decideEntry, layerOf, notEvaluable, toFindingSeverities } from './decide-entry.ts'
import type { Hit } from './decide-entry.ts'
import { describeRange, evaluateEntry, fixedVersionsOf } from './evaluate.ts'
import type { SchemeCompare } from './evaluate.ts'
import type { MatchOptions, MatchResult } from './match.ts'
import { resolveTarget } from './match-target.ts'
import type { TargetFields } from './match-target.ts'
import { cmpStr, mergeAliases } from './merge-aliases.ts'
import { normalisePackageName } from './package-name.ts'
import { pickSeverity } from './severity.ts'
import { SAME_AS_PREVIOUS, packageOrder } from './package-order.ts'
import type { OrderCore } from './package-order.ts'
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
  /**
   * The id and aliases as numbers ({@link idNumbersOf}): the first three inline (-1 when
   * absent), the rest in `idsMore` — read beside the template's other fields, not
   * through another object.
   */
  id0: number
  id1: number
  id2: number
  idsMore: Uint32Array | undefined
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
      id0: -1,
      id1: -1,
      id2: -1,
      idsMore: undefined,
    }
    const nums = idNumbersOf([advisory.id, ...advisory.aliases])
    t.id0 = nums[0]!
    if (nums.length > 1) t.id1 = nums[1]!
    if (nums.length > 2) t.id2 = nums[2]!
    if (nums.length > 3) t.idsMore = nums.subarray(3)
    t.range0 = t.ranges[0] ?? t.range0
    chunk[i & 1023] = t
  }
  return t
}

// Findings are made by a constructor, not a literal: V8 moves a literal's objects to
// the old generation once most of them outlive a scavenge (allocation-site
// pretenuring), and a scan's findings do; there they cost several times as much to
// allocate. The instance's own properties are exactly decideEntry's, in its order.
class TemplateFinding {
  // Declared only: properties are created by the constructor, in decideEntry's order.
  declare id: string
  declare aliases: string[]
  declare package: Package
  declare fixedVersions: string[]
  declare status: Finding['status']
  declare severity: Severity
  declare severities: NonNullable<Finding['severities']>
  declare ranges: string[]
  declare references: string[]
  declare summary?: string
  declare layer?: string
  constructor(t: FindingTemplate, pkg: Package, ranges: string[], layer: string | undefined) {
    this.id = t.id
    this.aliases = t.aliases
    this.package = pkg
    this.fixedVersions = t.fixedVersions
    this.status = t.status
    this.severity = t.severity
    this.severities = t.severities
    this.ranges = ranges
    this.references = t.references
    if (t.summary) this.summary = t.summary
    if (layer) this.layer = layer
  }
}

function findingOf(t: FindingTemplate, pkg: Package, ranges: string[], layer: string | undefined): Finding {
  return new TemplateFinding(t, pkg, ranges, layer)
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

// A new stamp: ids stamped before it count as unseen.
function nextStamp(): void {
  if (++stamp === 0xffffffff) {
    stamps.fill(0)
    stamp = 1
  }
}

// Stamps a template's ids; true when one of them carried the current stamp already.
function stampIds(t: FindingTemplate): boolean {
  let seen = stamps[t.id0] === stamp
  stamps[t.id0] = stamp
  if (t.id1 < 0) return seen
  if (stamps[t.id1] === stamp) seen = true
  stamps[t.id1] = stamp
  if (t.id2 < 0) return seen
  if (stamps[t.id2] === stamp) seen = true
  stamps[t.id2] = stamp
  const more = t.idsMore
  if (more) {
    for (let j = 0; j < more.length; j++) {
      if (stamps[more[j]!] === stamp) seen = true
      stamps[more[j]!] = stamp
    }
  }
  return seen
}

// Merging only changes anything when two findings of one package share an id or alias;
// `from[i]` is the template of `list[i]` (undefined: not from a template).
function mergeIfOverlapping(list: Finding[], from: (FindingTemplate | undefined)[]): Finding[] {
  if (list.length < 2) return list
  nextStamp()
  for (let i = 0; i < list.length; i++) {
    const t = from[i]
    if (!t || stampIds(t)) return mergeAliases(list)
  }
  return list
}

const INVALID_REASON: Record<number, string> = {
  [MATCH_CODE.INVALID_RANGE]: 'a range or the installed version is invalid for the scheme',
  [MATCH_CODE.NOTHING]: 'entry has nothing to evaluate',
}

// What one call knows about its packages, by package index (arrays, not an object per
// package: the walk over thousands of packages allocates next to nothing).
interface Plan {
  pkgs: readonly Package[]
  /** Queries of package i: [qStart[i], qStart[i + 1]). */
  qStart: Uint32Array
  /** Results of package i: [rStart[i], rStart[i + 1]) triples of `rec`. */
  rStart: Uint32Array
  /** (query, entry, code) triples from {@link MatchBatch.runPacked}. */
  rec: Uint32Array
  /** Shard slot of package i (0: not looked up); slots index `shards` and `schemes`. */
  slot: Uint32Array
  shards: (Shard | undefined)[]
  schemes: SchemeId[]
  /** The version package i is matched at (its target's). */
  versions: string[]
  cpe: (Hit | undefined)[] | undefined
}

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
  const pkgs = inv.packages
  const n = pkgs.length
  const missing = new Set<string>()
  const slots = new Map<string, number>()
  const cpeMode = options.cpe ?? 'no-ecosystem'
  const nvd = cpeMode !== 'off' && db.has('NVD') ? await db.shard('NVD') : undefined
  const batch = new MatchBatch(core, n)
  const plan: Plan = {
    pkgs,
    qStart: new Uint32Array(n + 1),
    rStart: new Uint32Array(n + 1),
    rec: EMPTY,
    slot: new Uint32Array(n),
    shards: [undefined],
    schemes: [0 as SchemeId],
    versions: [],
    cpe: undefined,
  }
  const t: TargetFields = { ecosystem: '', source: undefined, name: '', version: '' }
  for (let i = 0; i < n; i++) {
    if (options.signal?.aborted) throw new StowawayError('ABORTED', 'Cannot match inventory: aborted', { cause: options.signal.reason })
    const pkg = pkgs[i]!
    plan.qStart[i] = batch.count
    const target = resolveTarget(pkg, inv, t)
    plan.versions.push(target ? t.version : '')
    if (nvd && pkg.cpes?.length && (!target || cpeMode === 'all')) {
      const hit = cpeHit(pkg, nvd)
      if (hit) (plan.cpe ??= [])[i] = hit
    }
    if (!target || !t.version) continue
    const eco = t.ecosystem
    let slot = slots.get(eco)
    if (slot === undefined) {
      slot = 0
      const scheme = findSchemeForEcosystem(eco)
      if (scheme !== undefined) {
        const shard = await db.shard(eco)
        if (!shard) missing.add(eco)
        else {
          slot = plan.shards.length
          plan.shards.push(shard)
          plan.schemes.push(scheme)
        }
      }
      slots.set(eco, slot)
    }
    if (slot === 0) continue
    plan.slot[i] = slot
    const shard = plan.shards[slot]!
    const scheme = plan.schemes[slot]!
    // The source package first, then the binary's own name when it is another key.
    const first = normalisePackageName(eco, t.source ?? t.name)
    batch.add(shard, scheme, first, t.version)
    if (t.source !== undefined) {
      const key = normalisePackageName(eco, t.name)
      if (key !== first) batch.add(shard, scheme, key, t.version)
    }
  }
  plan.qStart[n] = batch.count
  for (const eco of missing) warnings.push({ code: 'NOT_FOUND', message: `Cannot match packages of "${eco}": the DB has no advisories for it` })

  // Results are in query order and queries in package order: each package's results
  // are one run of triples.
  const rec = (plan.rec = batch.count ? batch.runPacked() : EMPTY)
  const m = rec.length / 3
  for (let i = 0, k = 0; i < n; i++) {
    plan.rStart[i] = k
    const qEnd = plan.qStart[i + 1]!
    while (k < m && rec[3 * k]! < qEnd) k++
  }
  plan.rStart[n] = m

  // Packages whose findings need the general code (CPE candidates, native entries,
  // warnings) are decided now, in package order, so warnings come out as the
  // reference's do; the others are built straight into the result in output order.
  const slow = new Map<number, PackageFindings>()
  const withFindings: number[] = []
  for (let i = 0; i < n; i++) {
    const cpe = plan.cpe?.[i]
    const k0 = plan.rStart[i]!
    const k1 = plan.rStart[i + 1]!
    if (!cpe && k0 === k1) continue
    if (cpe || !allAffected(rec, k0, k1)) {
      const r = generalFindings(plan, i, warnings)
      if (!r.list.length) continue
      slow.set(i, r)
    }
    withFindings.push(i)
  }
  return { findings: emitInOrder(plan, withFindings, slow, core), warnings }
}

const EMPTY = new Uint32Array(0)

// Whether results [k0, k1) are all plain "affected" (the common case).
function allAffected(rec: Uint32Array, k0: number, k1: number): boolean {
  for (let k = k0; k < k1; k++) {
    const c = rec[3 * k + 2]! & 0xff
    if (c !== MATCH_CODE.AFFECTED_RANGE && c !== MATCH_CODE.AFFECTED_LISTED) return false
  }
  return true
}

// One package's findings and whether they are already in id order.
interface PackageFindings {
  list: Finding[]
  sorted: boolean
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

function cpeFindings(hit: Hit, warnings: Warning[]): Finding[] {
  const perPkg: Finding[] = []
  for (const e of hit.entries) decideEntry(hit, e, evaluateEntry(hit.scheme, hit.target.version, e.affected, tsCompare), perPkg, warnings)
  return mergeAliases(perPkg)
}

// Id numbers of the findings being built for one package (reused: consumed before the next).
const idScratch: (FindingTemplate | undefined)[] = []

// Package i through the general code: its CPE candidates' findings, then its own
// results — templates for affected entries, the reference's decision code for native
// entries, a warning for entries that cannot be evaluated.
function generalFindings(plan: Plan, i: number, warnings: Warning[]): PackageFindings {
  const cpe = plan.cpe?.[i]
  let list: Finding[] = cpe ? cpeFindings(cpe, warnings) : []
  let sorted = !cpe
  const slot = plan.slot[i]!
  if (slot) {
    const pkg = plan.pkgs[i]!
    const version = plan.versions[i]!
    const shard = plan.shards[slot]!
    const templates = templatesOf(shard)
    const layer = layerOf(pkg)
    const { rec } = plan
    const perPkg: Finding[] = []
    const nums = idScratch
    nums.length = 0
    let listed: string[] | undefined
    for (let k = plan.rStart[i]!; k < plan.rStart[i + 1]!; k++) {
      const e = rec[3 * k + 1]!
      const code = rec[3 * k + 2]!
      const c = code & 0xff
      if (c === MATCH_CODE.AFFECTED_RANGE || c === MATCH_CODE.AFFECTED_LISTED) {
        const t = templateOf(shard, templates, e)
        perPkg.push(findingOf(t, pkg, c === MATCH_CODE.AFFECTED_RANGE ? rangesOf(t, code) : (listed ??= listedRanges(version)), layer))
        nums.push(t)
      } else if (c === MATCH_CODE.NATIVE) {
        // The reference's verdict; the finding from the entry's template (the same
        // fields decideEntry would copy from the entry).
        const entry = shard.entry(e)
        const v = evaluateEntry(plan.schemes[slot]!, version, entry.affected, tsCompare)
        if (v.status === 'affected') {
          const t = templateOf(shard, templates, e)
          perPkg.push(findingOf(t, pkg, v.ranges ?? [], layer))
          nums.push(t)
        } else if (v.status === 'not-evaluable') warnings.push(notEvaluable(entry.advisory.id, pkg, version, v.reason!))
      } else {
        warnings.push(notEvaluable(shard.entry(e).advisory.id, pkg, version, INVALID_REASON[c] ?? `installed version "${version}" is invalid for the scheme`))
      }
    }
    const own = mergeIfOverlapping(perPkg, nums)
    // Entries under one key are stored in advisory id order (buildDb sorts records by
    // id): one key and no merge leave them sorted.
    if (own.length && (own !== perPkg || plan.qStart[i + 1]! - plan.qStart[i]! > 1)) sorted = false
    list = list.length ? list.concat(own) : own
  }
  return { list, sorted }
}

// The finding's `ranges` when the range whose index `code` carries matched.
function rangesOf(t: FindingTemplate, code: number): string[] {
  const r = code >>> 8
  return r === 0 ? t.range0 : t.ranges[r]!
}

// The finding's `ranges` when the installed version is on the entry's list.
function listedRanges(version: string): string[] {
  return Object.freeze([`=${version}`]) as string[]
}

// Templates of the package being emitted (reused).
const templateScratch: FindingTemplate[] = []

// Package i, every result plain "affected": its findings appended to `out` in id
// order. Entries under one key come in id order, so only a merge (ids overlapping) or
// a second key calls for a sort.
function emitAffected(plan: Plan, i: number, out: Sink): void {
  const pkg = plan.pkgs[i]!
  const shard = plan.shards[plan.slot[i]!]!
  const templates = templatesOf(shard)
  const layer = layerOf(pkg)
  const { rec } = plan
  const k0 = plan.rStart[i]!
  const k1 = plan.rStart[i + 1]!
  if (k1 - k0 === 1) {
    const code = rec[3 * k0 + 2]!
    const t = templateOf(shard, templates, rec[3 * k0 + 1]!)
    out.list[out.n++] = findingOf(t, pkg, (code & 0xff) === MATCH_CODE.AFFECTED_RANGE ? rangesOf(t, code) : listedRanges(plan.versions[i]!), layer)
    return
  }
  const ts = templateScratch
  ts.length = 0
  nextStamp()
  let overlap = false
  for (let k = k0; k < k1; k++) {
    const t = templateOf(shard, templates, rec[3 * k + 1]!)
    ts.push(t)
    if (stampIds(t)) overlap = true
  }
  let listed: string[] | undefined
  const single = plan.qStart[i + 1]! - plan.qStart[i]! === 1
  if (!overlap && single) {
    const list = out.list
    let o = out.n
    for (let k = k0, x = 0; k < k1; k++, x++) {
      const code = rec[3 * k + 2]!
      const t = ts[x]!
      list[o++] = findingOf(t, pkg, (code & 0xff) === MATCH_CODE.AFFECTED_RANGE ? rangesOf(t, code) : (listed ??= listedRanges(plan.versions[i]!)), layer)
    }
    out.n = o
    return
  }
  const into: Finding[] = []
  for (let k = k0, x = 0; k < k1; k++, x++) {
    const code = rec[3 * k + 2]!
    const t = ts[x]!
    into.push(findingOf(t, pkg, (code & 0xff) === MATCH_CODE.AFFECTED_RANGE ? rangesOf(t, code) : (listed ??= listedRanges(plan.versions[i]!)), layer))
  }
  const merged = overlap ? mergeAliases(into) : into
  if (merged.length > 1) merged.sort(byId)
  for (const f of merged) out.list[out.n++] = f
}

// Where findings are written: a list allocated at its final size (at most one finding
// per result), trimmed once at the end.
interface Sink {
  list: Finding[]
  n: number
}

const byId = (a: Finding, b: Finding): number => cmpStr(a.id, b.id)

// Package i's findings in id order (for pooling with packages of the same name and version).
function sortedListOf(plan: Plan, i: number, slow: Map<number, PackageFindings>): Finding[] {
  const s = slow.get(i)
  if (s) return s.sorted || s.list.length < 2 ? s.list : s.list.slice().sort(byId)
  const out: Sink = { list: [], n: 0 }
  emitAffected(plan, i, out)
  return out.list
}

// Two lists in id order as one, ties taken from `a` first: what a stable sort of `a`
// then `b` by id gives, without a sort call.
function mergeById(a: Finding[], b: Finding[]): Finding[] {
  const out: Finding[] = []
  let x = 0
  let y = 0
  while (x < a.length && y < b.length) out.push(cmpStr(a[x]!.id, b[y]!.id) <= 0 ? a[x++]! : b[y++]!)
  while (x < a.length) out.push(a[x++]!)
  while (y < b.length) out.push(b[y++]!)
  return out
}

// The order sortFindings gives (package name, version, id; stable), reached by sorting
// packages and then each package's few findings: equal (name, version) packages are
// pooled first so their findings interleave by id as one stable sort would.
function emitInOrder(plan: Plan, which: number[], slow: Map<number, PackageFindings>, core: MatchCore): Finding[] {
  const order = packageOrder(core as Partial<OrderCore>, plan.pkgs, which)
  let most = 0
  for (const i of which) most += slow.get(i)?.list.length ?? plan.rStart[i + 1]! - plan.rStart[i]!
  const out: Sink = { list: new Array<Finding>(most), n: 0 }
  for (let x = 0; x < order.length; ) {
    const i = order[x]!
    let y = x + 1
    while (y < order.length && order[y]! & SAME_AS_PREVIOUS) y++
    if (y === x + 1) {
      const s = slow.get(i)
      if (!s) emitAffected(plan, i, out)
      else for (const f of s.sorted || s.list.length < 2 ? s.list : s.list.slice().sort(byId)) out.list[out.n++] = f
    } else {
      let run = sortedListOf(plan, i, slow)
      for (let z = x + 1; z < y; z++) run = mergeById(run, sortedListOf(plan, order[z]! & ~SAME_AS_PREVIOUS, slow))
      for (const f of run) out.list[out.n++] = f
    }
    x = y
  }
  out.list.length = out.n
  return out.list
}
