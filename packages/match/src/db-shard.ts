import { SEVERITIES, StowawayError } from '@stowaway/core'
import type { OsvEvent, OsvRange } from '@stowaway/version'
import type { Advisory, AdvisorySeverity, AffectedPackage } from './advisory.ts'
import { ByteReader, ByteWriter } from './bytes.ts'
import { normalisePackageName } from './package-name.ts'

/** Shard file magic: `SWDB`. */
export const SHARD_MAGIC = 0x42445753
/** Version of the shard layout written by this code; loading refuses others. */
export const SHARD_FORMAT = 1

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const
const STATUS = [undefined, 'not-fixed', 'wont-fix'] as const

/**
 * Serialise the advisories of one ecosystem into an uncompressed shard body (see
 * docs/db-format.md). Strings are interned once; each affected entry is a
 * length-prefixed record so loading can index without decoding.
 *
 * @param ecosystem the shard's ecosystem key
 * @param records advisories, each with only its entries for this ecosystem
 * @returns the body bytes
 * @example
 * ```ts
 * import { encodeShardBody } from '@stowaway/match'
 * const body = encodeShardBody('alpine:v3.9', [])
 * ```
 */
export function encodeShardBody(ecosystem: string, records: Advisory[]): Uint8Array {
  const strings = new Map<string, number>()
  const s = (x: string | undefined): number => {
    if (x === undefined) return 0
    let i = strings.get(x)
    if (i === undefined) strings.set(x, (i = strings.size + 1))
    return i
  }
  const list = (w: ByteWriter, xs: readonly string[] | undefined) => {
    w.uint(xs?.length ?? 0)
    for (const x of xs ?? []) w.uint(s(x))
  }
  const sev = (w: ByteWriter, v: AdvisorySeverity) => {
    w.uint(s(v.type))
    w.uint(s(v.vector))
    w.uint(v.score === undefined ? 0 : Math.round(v.score * 10) + 1)
    w.uint(v.rating === undefined ? 0 : SEVERITIES.indexOf(v.rating) + 1)
    w.uint(s(v.source))
  }
  const advBlock = new ByteWriter()
  const byPackage = new Map<string, Uint8Array[]>()
  advBlock.uint(records.length)
  records.forEach((a, ai) => {
    const w = new ByteWriter()
    w.uint(s(a.id))
    list(w, a.aliases)
    list(w, a.related)
    w.uint(s(a.summary))
    w.uint(s(a.published))
    w.uint(s(a.modified))
    w.uint(a.severities.length)
    for (const v of a.severities) sev(w, v)
    list(w, a.references)
    const rec = w.finish()
    advBlock.uint(rec.length)
    advBlock.bytes(rec)
    for (const e of a.affected) {
      const ew = new ByteWriter()
      ew.uint(ai)
      ew.uint(s(e.name))
      ew.uint(s(e.purl))
      ew.uint(e.ranges?.length ?? 0)
      for (const r of e.ranges ?? []) {
        ew.uint(s(r.type))
        ew.uint(r.events.length)
        for (const ev of r.events) {
          const k = EVENT_KEYS.findIndex((key) => ev[key] !== undefined)
          ew.uint(k < 0 ? 0 : k)
          ew.uint(s(k < 0 ? '0' : String(ev[EVENT_KEYS[k]!])))
        }
      }
      list(ew, e.versions)
      list(ew, e.native)
      list(ew, e.nativeUnaffected)
      list(ew, e.fixed)
      ew.uint(STATUS.indexOf(e.status))
      ew.uint(e.severity ? 1 : 0)
      if (e.severity) sev(ew, e.severity)
      ew.uint(s(e.cpe))
      const key = normalisePackageName(ecosystem, e.name)
      let l = byPackage.get(key)
      if (!l) byPackage.set(key, (l = []))
      l.push(ew.finish())
    }
  })
  const pkgBlock = new ByteWriter()
  const names = [...byPackage.keys()].sort()
  pkgBlock.uint(names.length)
  for (const n of names) {
    const entries = byPackage.get(n)!
    pkgBlock.uint(s(n))
    pkgBlock.uint(entries.length)
    for (const e of entries) {
      pkgBlock.uint(e.length)
      pkgBlock.bytes(e)
    }
  }
  const out = new ByteWriter()
  const enc = new TextEncoder()
  out.uint(strings.size)
  for (const str of strings.keys()) {
    const b = enc.encode(str)
    out.uint(b.length)
    out.bytes(b)
  }
  out.bytes(advBlock.finish())
  out.bytes(pkgBlock.finish())
  return out.finish()
}

/**
 * One affected entry read from a shard, with the advisory it belongs to.
 *
 * @example
 * ```ts
 * import type { ShardEntry } from '@stowaway/match'
 * const show = (e: ShardEntry) => `${e.advisory.id} ${e.affected.name}`
 * ```
 */
export interface ShardEntry {
  advisory: Advisory
  affected: AffectedPackage
}

/**
 * A decoded shard body. Loading interns the string table and indexes package names
 * to entry offsets; advisories and entries are decoded on first lookup and memoised,
 * so each record is materialised at most once.
 *
 * @example
 * ```ts
 * import { Shard, encodeShardBody } from '@stowaway/match'
 * const shard = new Shard('alpine:v3.9', encodeShardBody('alpine:v3.9', []))
 * shard.lookup('openssl') // []
 * ```
 */
export class Shard {
  private readonly strings: string[] = ['']
  private readonly advOffsets: number[] = []
  private readonly advCache: (Advisory | undefined)[] = []
  private readonly index = new Map<string, number[]>()
  private readonly entryCache = new Map<string, ShardEntry[]>()
  private readonly r: ByteReader

  /**
   * @param ecosystem the shard's ecosystem key
   * @param body the inflated, checksum-verified body
   */
  constructor(
    readonly ecosystem: string,
    body: Uint8Array,
  ) {
    const r = (this.r = new ByteReader(body))
    const dec = new TextDecoder()
    const n = r.uint()
    for (let i = 0; i < n; i++) this.strings.push(dec.decode(r.bytes(r.uint())))
    const na = r.uint()
    for (let i = 0; i < na; i++) {
      const len = r.uint()
      this.advOffsets.push(r.pos)
      r.pos += len
    }
    this.advCache.length = na
    const np = r.uint()
    for (let i = 0; i < np; i++) {
      const name = this.str(r.uint())
      const ne = r.uint()
      const offs: number[] = []
      for (let j = 0; j < ne; j++) {
        const len = r.uint()
        offs.push(r.pos)
        r.pos += len
      }
      this.index.set(name, offs)
    }
    if (r.pos !== body.length) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${ecosystem}": ${body.length - r.pos} trailing bytes`)
  }

  private str(i: number): string {
    const v = this.strings[i]
    if (v === undefined) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": string ${i} out of range`)
    return v
  }

  private opt(i: number): string | undefined {
    return i === 0 ? undefined : this.str(i)
  }

  private list(r: ByteReader): string[] {
    const n = r.uint()
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(this.str(r.uint()))
    return out
  }

  private sev(r: ByteReader): AdvisorySeverity {
    const v: AdvisorySeverity = { type: this.str(r.uint()) }
    const vector = this.opt(r.uint())
    if (vector !== undefined) v.vector = vector
    const score = r.uint()
    if (score) v.score = (score - 1) / 10
    const rating = r.uint()
    if (rating) v.rating = SEVERITIES[rating - 1]
    const source = this.opt(r.uint())
    if (source !== undefined) v.source = source
    return v
  }

  /** Number of package names indexed. */
  get packageCount(): number {
    return this.index.size
  }

  /** Number of advisories stored. */
  get advisoryCount(): number {
    return this.advOffsets.length
  }

  /** @returns the indexed package keys */
  packageNames(): IterableIterator<string> {
    return this.index.keys()
  }

  /**
   * @param i advisory index
   * @returns the decoded advisory (memoised; `affected` is left empty — entries are per package)
   */
  advisory(i: number): Advisory {
    const cached = this.advCache[i]
    if (cached) return cached
    const off = this.advOffsets[i]
    if (off === undefined) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": advisory ${i} out of range`)
    const r = new ByteReader(this.r.buf)
    r.pos = off
    const a: Advisory = { id: this.str(r.uint()), aliases: this.list(r), severities: [], references: [], affected: [] }
    const related = this.list(r)
    if (related.length) a.related = related
    const summary = this.opt(r.uint())
    if (summary !== undefined) a.summary = summary
    const published = this.opt(r.uint())
    if (published !== undefined) a.published = published
    const modified = this.opt(r.uint())
    if (modified !== undefined) a.modified = modified
    const ns = r.uint()
    for (let k = 0; k < ns; k++) a.severities.push(this.sev(r))
    a.references = this.list(r)
    this.advCache[i] = a
    return a
  }

  /**
   * Entries for one package key (already normalised with {@link normalisePackageName}).
   *
   * @param key package lookup key
   * @returns its entries, decoded once and memoised
   */
  lookup(key: string): ShardEntry[] {
    const cached = this.entryCache.get(key)
    if (cached) return cached
    const offs = this.index.get(key)
    if (!offs) return []
    const out: ShardEntry[] = []
    for (const off of offs) {
      const r = new ByteReader(this.r.buf)
      r.pos = off
      const advisory = this.advisory(r.uint())
      const affected: AffectedPackage = { ecosystem: this.ecosystem, name: this.str(r.uint()) }
      const purl = this.opt(r.uint())
      if (purl !== undefined) affected.purl = purl
      const nr = r.uint()
      if (nr) {
        const ranges: OsvRange[] = []
        for (let k = 0; k < nr; k++) {
          const type = this.str(r.uint())
          const ne = r.uint()
          const events: OsvEvent[] = []
          for (let j = 0; j < ne; j++) {
            const kind = EVENT_KEYS[r.uint()]
            if (!kind) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": bad event kind`)
            events.push({ [kind]: this.str(r.uint()) } as OsvEvent)
          }
          ranges.push({ type, events })
        }
        affected.ranges = ranges
      }
      const versions = this.list(r)
      if (versions.length) affected.versions = versions
      const native = this.list(r)
      if (native.length) affected.native = native
      const un = this.list(r)
      if (un.length) affected.nativeUnaffected = un
      const fixed = this.list(r)
      if (fixed.length) affected.fixed = fixed
      const st = STATUS[r.uint()]
      if (st) affected.status = st
      if (r.uint()) affected.severity = this.sev(r)
      const cpe = this.opt(r.uint())
      if (cpe !== undefined) affected.cpe = cpe
      out.push({ advisory, affected })
    }
    this.entryCache.set(key, out)
    return out
  }
}
