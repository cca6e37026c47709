import { StowawayError } from '@stowaway/core'
import { findSchemeForEcosystem, referenceBackend } from '@stowaway/version'
import type { OsvRange } from '@stowaway/version'
import type { Advisory } from './advisory.ts'
import { SHARD_FORMAT, SHARD_MAGIC, Shard, encodeShardBody } from './db-shard.ts'
import { deflateRaw, inflateRaw } from './inflate.ts'
import { ecosystemKey } from './package-name.ts'

/** Per-source ingest summary kept in the manifest for `db info`. */
export interface DbSourceSummary {
  source: string
  files: number
  advisories: number
  skipped: number
}

/** One shard as the manifest lists it. */
export interface DbShardInfo {
  /** Ecosystem as first seen (`Alpine:v3.9`). */
  ecosystem: string
  /** Lookup key ({@link ecosystemKey}). */
  key: string
  /** File name beside the manifest. */
  file: string
  /** Compressed file size. */
  bytes: number
  /** SHA-256 (hex) of the whole shard file, also checked on load. */
  sha256: string
  advisories: number
  packages: number
}

/**
 * `manifest.json` of a compiled DB directory.
 *
 * @example
 * ```ts
 * import type { DbManifest } from '@stowaway/match'
 * const m: DbManifest = { format: 'stowaway-db', version: 1, builtAt: '2026-01-01T00:00:00Z', sources: [], shards: [] }
 * ```
 */
export interface DbManifest {
  format: 'stowaway-db'
  version: 1
  builtAt: string
  sources: DbSourceSummary[]
  shards: DbShardInfo[]
}

/** Output of {@link buildDb}: the manifest and the files to write beside it. */
export interface BuiltDb {
  manifest: DbManifest
  /** File name → bytes, `manifest.json` included. */
  files: Map<string, Uint8Array>
  /** Records whose id was already in the shard (merged when the same revision, else the newer kept). */
  duplicates: number
}

const HEADER = 44

/**
 * Hex SHA-256 with Web Crypto.
 *
 * @param bytes input
 * @returns lower-case hex digest
 * @example
 * ```ts
 * import { sha256Hex } from '@stowaway/match'
 * await sha256Hex(new Uint8Array()) // 'e3b0c442…'
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource))
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('')
}

function shardFile(key: string): string {
  return key.replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '') + '.swdb'
}

// Sorting events by version at build time spares the matcher a sort per package.
function sortRange(scheme: number | undefined, r: OsvRange): OsvRange {
  if (scheme === undefined || (r.type !== 'ECOSYSTEM' && r.type !== 'SEMVER')) return r
  const v = (e: (typeof r.events)[number]) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? ''
  // At equal versions: introduced, last_affected, fixed, limit — the version core's OSV
  // evaluator order, so both decide alike on records that open and close at one version.
  const rank = (e: (typeof r.events)[number]) => (e.introduced !== undefined ? 0 : e.last_affected !== undefined ? 1 : e.fixed !== undefined ? 2 : 3)
  const s = r.type === 'SEMVER' ? 3 : scheme
  const strip = (x: string) => (r.type === 'SEMVER' && /^[vV]/.test(x) ? x.slice(1) : x)
  const events = [...r.events]
  let ok = true
  events.sort((a, b) => {
    const x = v(a)
    const y = v(b)
    const zx = (x === '0' && a.introduced !== undefined) || x === ''
    const zy = (y === '0' && b.introduced !== undefined) || y === ''
    if (zx || zy) return zx && zy ? rank(a) - rank(b) : zx ? -1 : 1
    const c = referenceBackend.compare(s as 0, strip(x), strip(y))
    if (c === 2 || c === 3) {
      ok = false
      return 0
    }
    return c !== 0 ? c : rank(a) - rank(b)
  })
  return ok ? { type: r.type, events } : r
}

/**
 * Compile advisories into the sharded DB: one shard per ecosystem (release
 * included), each `SWDB` header + raw-DEFLATE body, and a `manifest.json`. Range
 * events are pre-sorted by version; duplicate ids inside a shard keep the most
 * recently modified record.
 *
 * @param advisories ingested advisories
 * @param options ingest summaries for the manifest and the build clock
 * @returns manifest and files
 * @example
 * ```ts
 * import { buildDb } from '@stowaway/match'
 * const db = await buildDb([], { sources: [] })
 * db.files.has('manifest.json') // true
 * ```
 */
export async function buildDb(advisories: Advisory[], options: { sources: DbSourceSummary[]; now?: Date }): Promise<BuiltDb> {
  const groups = new Map<string, { ecosystem: string; byId: Map<string, Advisory> }>()
  let duplicates = 0
  for (const a of advisories) {
    const perKey = new Map<string, Advisory['affected']>()
    for (const e of a.affected) {
      const k = ecosystemKey(e.ecosystem)
      let l = perKey.get(k)
      if (!l) perKey.set(k, (l = []))
      const scheme = findSchemeForEcosystem(e.ecosystem)
      l.push(e.ranges ? { ...e, ranges: e.ranges.map((r) => sortRange(scheme, r)) } : e)
    }
    for (const [k, entries] of perKey) {
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { ecosystem: entries[0]!.ecosystem, byId: new Map() }))
      const prev = g.byId.get(a.id)
      if (prev) {
        duplicates++
        // Same id, same revision (one feed split over files, e.g. secdb main +
        // community): union the entries. Otherwise the newer revision wins.
        if ((prev.modified ?? '') === (a.modified ?? '')) {
          const have = new Set(prev.affected.map((e) => e.name))
          prev.affected.push(...entries.filter((e) => !have.has(e.name)))
          prev.aliases = [...new Set([...prev.aliases, ...a.aliases])]
          continue
        }
        if ((prev.modified ?? '') > (a.modified ?? '')) continue
      }
      g.byId.set(a.id, { ...a, affected: [...entries] })
    }
  }
  const files = new Map<string, Uint8Array>()
  const shards: DbShardInfo[] = []
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!
    const records = [...g.byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    const body = encodeShardBody(key, records)
    const packed = await deflateRaw(body)
    const file = new Uint8Array(HEADER + packed.length)
    const dv = new DataView(file.buffer)
    dv.setUint32(0, SHARD_MAGIC, true)
    dv.setUint16(4, SHARD_FORMAT, true)
    dv.setUint32(8, body.length, true)
    file.set(new Uint8Array(await crypto.subtle.digest('SHA-256', body as BufferSource)), 12)
    file.set(packed, HEADER)
    const name = shardFile(key)
    files.set(name, file)
    const packages = new Set(records.flatMap((r) => r.affected.map((e) => e.name))).size
    shards.push({ ecosystem: g.ecosystem, key, file: name, bytes: file.length, sha256: await sha256Hex(file), advisories: records.length, packages })
  }
  const manifest: DbManifest = { format: 'stowaway-db', version: 1, builtAt: (options.now ?? new Date()).toISOString(), sources: options.sources, shards }
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest, null, 1) + '\n'))
  return { manifest, files, duplicates }
}

/**
 * Decode one shard file: check magic and format version, inflate, verify the body's
 * SHA-256 against the header.
 *
 * @param key ecosystem key for messages
 * @param file shard file bytes
 * @returns the loaded shard
 * @throws {StowawayError} `DB_INVALID` on a bad magic, version, size or checksum
 * @example
 * ```ts
 * import { decodeShardFile } from '@stowaway/match'
 * declare const bytes: Uint8Array
 * const shard = await decodeShardFile('alpine:v3.9', bytes)
 * ```
 */
export async function decodeShardFile(key: string, file: Uint8Array): Promise<Shard> {
  if (file.length < HEADER) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${key}": file too short`)
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength)
  if (dv.getUint32(0, true) !== SHARD_MAGIC) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${key}": not a Stowaway DB shard`)
  const version = dv.getUint16(4, true)
  if (version !== SHARD_FORMAT) {
    const fix = version < SHARD_FORMAT ? 'rebuild the DB with "stowaway db build"' : 'update Stowaway to read it'
    throw new StowawayError('DB_INVALID', `Cannot load DB shard "${key}": shard format ${version}, this reader needs format ${SHARD_FORMAT}; ${fix}`)
  }
  const size = dv.getUint32(8, true)
  let body: Uint8Array
  try {
    body = await inflateRaw(file.subarray(HEADER), size)
  } catch (e) {
    throw new StowawayError('DB_INVALID', `Cannot load DB shard "${key}": body does not inflate`, { cause: e })
  }
  if (body.length !== size) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${key}": body is ${body.length} bytes, header says ${size}`)
  const want = file.subarray(12, 44)
  const got = new Uint8Array(await crypto.subtle.digest('SHA-256', body as BufferSource))
  if (!got.every((b, i) => b === want[i])) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${key}": checksum mismatch`)
  return new Shard(key, body)
}

/** Reads one DB file by name (fs for Node, fetch for browsers). */
export type DbFileReader = (name: string) => Promise<Uint8Array>

/**
 * A compiled DB opened through a file reader. Shards load on first use and are
 * memoised, so a scan touches only the ecosystems its packages live in.
 *
 * @example
 * ```ts
 * import { AdvisoryDb } from '@stowaway/match'
 * const db = await AdvisoryDb.open((name) => fetch(new URL(name, 'https://example.org/db/')).then(async (r) => new Uint8Array(await r.arrayBuffer())))
 * const shard = await db.shard('Alpine:v3.9')
 * ```
 */
export class AdvisoryDb {
  private readonly loaded = new Map<string, Promise<Shard | undefined>>()
  private readonly byKey: Map<string, DbShardInfo>

  private constructor(
    readonly manifest: DbManifest,
    private readonly read: DbFileReader,
  ) {
    this.byKey = new Map(manifest.shards.map((s) => [s.key, s]))
  }

  /**
   * @param read file reader for the DB directory
   * @returns the opened DB (manifest parsed, no shard loaded yet)
   * @throws {StowawayError} `DB_INVALID` when the manifest is not a Stowaway DB manifest
   */
  static async open(read: DbFileReader): Promise<AdvisoryDb> {
    let m: DbManifest
    try {
      m = JSON.parse(new TextDecoder().decode(await read('manifest.json'))) as DbManifest
    } catch (e) {
      if (e instanceof StowawayError) throw e
      throw new StowawayError('DB_INVALID', 'Cannot open DB: manifest.json is not JSON', { cause: e })
    }
    if (m?.format !== 'stowaway-db' || m.version !== 1 || !Array.isArray(m.shards)) {
      throw new StowawayError('DB_INVALID', `Cannot open DB: manifest format "${m?.format}" version ${m?.version} is not supported`)
    }
    return new AdvisoryDb(m, read)
  }

  /** @returns whether a shard exists for the ecosystem */
  has(ecosystem: string): boolean {
    return this.byKey.has(ecosystemKey(ecosystem))
  }

  /**
   * @param ecosystem OSV ecosystem (any case; Alpine patch releases reduced)
   * @returns the loaded shard, or undefined when the DB has none for it
   */
  shard(ecosystem: string): Promise<Shard | undefined> {
    const key = ecosystemKey(ecosystem)
    let p = this.loaded.get(key)
    if (!p) {
      const info = this.byKey.get(key)
      p = info ? this.read(info.file).then((b) => decodeShardFile(key, b)) : Promise.resolve(undefined)
      this.loaded.set(key, p)
    }
    return p
  }
}
