import { StowawayError, type Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger, CatalogContext } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { introducedIn } from './db-history.ts'
import { readBdbHashValues } from './rpm-bdb.ts'
import { rpmEcosystem, rpmPurlNamespace } from './rpm-ecosystem.ts'
import { parseRpmHeader, type RpmHeaderInfo } from './rpm-header.ts'
import { readNdbBlobs } from './rpm-ndb.ts'
import { readSqliteTable } from './rpm-sqlite.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

const DIRS = ['var/lib/rpm', 'usr/lib/sysimage/rpm', 'usr/share/rpm']
const FILES = ['rpmdb.sqlite', 'Packages.db', 'Packages']

/**
 * Which of the three rpm database formats a file is, by its magic bytes.
 *
 * @example
 * ```ts
 * import type { RpmDbFormat } from '@stowaway/sbom'
 * const f: RpmDbFormat = 'ndb'
 * ```
 */
export type RpmDbFormat = 'sqlite' | 'ndb' | 'bdb'

/**
 * Detect the rpm database format from the first bytes of a file.
 *
 * @param bytes the file (at least its first 16 bytes)
 * @returns the format, or undefined when none matches
 * @example
 * ```ts
 * import { detectRpmDbFormat } from '@stowaway/sbom'
 * detectRpmDbFormat(new TextEncoder().encode('SQLite format 3\0')) // 'sqlite'
 * ```
 */
export function detectRpmDbFormat(bytes: Uint8Array): RpmDbFormat | undefined {
  if (bytes.length >= 16 && new TextDecoder().decode(bytes.subarray(0, 16)) === 'SQLite format 3\0') return 'sqlite'
  if (bytes.length >= 4 && bytes[0] === 0x52 && bytes[1] === 0x70 && bytes[2] === 0x6d && bytes[3] === 0x50) return 'ndb'
  if (bytes.length >= 16) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (dv.getUint32(12, true) === 0x061561 || dv.getUint32(12, false) === 0x061561) return 'bdb'
  }
  return undefined
}

/**
 * Split a source rpm file name into name and `version-release`.
 *
 * @param srpm e.g. `util-linux-2.32.1-42.el8_8.src.rpm`
 * @returns `{ name: 'util-linux', version: '2.32.1-42.el8_8' }`, or undefined when malformed
 * @example
 * ```ts
 * import { parseSourceRpm } from '@stowaway/sbom'
 * parseSourceRpm('gcc11-11.2.1+git610-1.3.9.src.rpm') // { name: 'gcc11', version: '11.2.1+git610-1.3.9' }
 * ```
 */
export function parseSourceRpm(srpm: string): { name: string; version: string } | undefined {
  const base = srpm.replace(/\.(no)?src\.rpm$/, '')
  const r = base.lastIndexOf('-')
  const v = r > 0 ? base.lastIndexOf('-', r - 1) : -1
  if (v <= 0) return undefined
  return { name: base.slice(0, v), version: base.slice(v + 1) }
}

/**
 * Read every package header blob of an rpm database file, whatever its format.
 *
 * @param bytes the database file
 * @param wal for SQLite, the `rpmdb.sqlite-wal` beside it (committed pages not yet
 *   checkpointed into the main file)
 * @returns the header blobs and how many entries were skipped as unreadable
 * @throws {StowawayError} `ARCHIVE_INVALID` when the file is in no known format or corrupt
 * @example
 * ```ts
 * import { readRpmDbBlobs } from '@stowaway/sbom'
 * declare const bytes: Uint8Array
 * readRpmDbBlobs(bytes).blobs.length
 * ```
 */
export function readRpmDbBlobs(bytes: Uint8Array, wal?: Uint8Array): { format: RpmDbFormat; blobs: Uint8Array[]; skipped: number } {
  const format = detectRpmDbFormat(bytes)
  if (format === 'sqlite') {
    const blobs: Uint8Array[] = []
    let skipped = 0
    for (const row of readSqliteTable(bytes, 'Packages', wal)) {
      const blob = row[1]
      if (blob instanceof Uint8Array) blobs.push(blob)
      else skipped++
    }
    return { format, blobs, skipped }
  }
  if (format === 'ndb') return { format, ...readNdbBlobs(bytes) }
  if (format === 'bdb') {
    // BDB Packages also holds a 4-byte record (key 0) with the next instance number.
    return { format, blobs: readBdbHashValues(bytes).filter((b) => b.length > 8), skipped: 0 }
  }
  throw new StowawayError('ARCHIVE_INVALID', `Cannot read rpm database: ${bytes.length === 0 ? 'file is empty' : 'no SQLite, NDB or BerkeleyDB magic'}`)
}

/**
 * Build a {@link Package} from a parsed rpm header.
 *
 * @param h the header facts
 * @param file the database file it came from
 * @param ctx distro for ecosystem and purl qualifiers
 * @returns the package: version `E:V-R` (epoch only when the header has one), purl
 *   `pkg:rpm/<distro>/<name>@<V-R>?arch=…&epoch=…&distro=<id>-<version>&upstream=<srpm>`
 * @example
 * ```ts
 * import { rpmPackage } from '@stowaway/sbom'
 * rpmPackage({ name: 'hello', version: '0.0.1', release: 'rls', epoch: 1 }, { path: 'var/lib/rpm/Packages', layer: 'sha256:x' }, {}).version // '1:0.0.1-rls'
 * ```
 */
export function rpmPackage(h: RpmHeaderInfo, file: { path: string; layer?: string }, ctx: Pick<CatalogContext, 'distro'>): Package {
  const vr = `${h.version}-${h.release}`
  const pkg: Package = {
    name: h.name,
    version: h.epoch !== undefined && h.epoch !== 0 ? `${h.epoch}:${vr}` : vr,
    type: 'rpm',
    locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
  }
  const eco = rpmEcosystem(ctx.distro)
  if (eco) pkg.ecosystem = eco
  const d = ctx.distro
  pkg.purl = formatPurl({
    type: 'rpm',
    namespace: rpmPurlNamespace(d),
    name: h.name,
    version: vr,
    qualifiers: {
      arch: h.arch ?? '',
      epoch: h.epoch !== undefined && h.epoch !== 0 ? String(h.epoch) : '',
      distro: d ? (d.versionId ? `${d.id}-${d.versionId}` : d.id) : '',
      upstream: h.sourceRpm ?? '',
    },
  })
  if (h.arch) pkg.arch = h.arch
  const src = h.sourceRpm ? parseSourceRpm(h.sourceRpm) : undefined
  if (src) pkg.source = src
  if (h.license) pkg.licenses = [h.license]
  const metadata: Record<string, unknown> = {}
  if (h.epoch !== undefined) metadata.epoch = h.epoch
  if (h.sourceRpm) metadata.sourceRpm = h.sourceRpm
  if (h.vendor) metadata.vendor = h.vendor
  if (h.size !== undefined) metadata.size = h.size
  if (h.modularityLabel) metadata.modularityLabel = h.modularityLabel
  if (Object.keys(metadata).length) pkg.metadata = metadata
  const cpes = cpeCandidates(pkg)
  if (cpes.length) pkg.cpes = cpes
  return pkg
}

const rpmKey = (h: RpmHeaderInfo) => `${h.name}\u0000${h.epoch ?? ''}:${h.version}-${h.release}\u0000${h.arch ?? ''}`

// Keys of an older version of the database; an unreadable one lists nothing.
function keysOf(bytes: Uint8Array): Set<string> {
  const keys = new Set<string>()
  try {
    for (const blob of readRpmDbBlobs(bytes).blobs) {
      try {
        keys.add(rpmKey(parseRpmHeader(blob)))
      } catch {
        // counted when the final version is read
      }
    }
  } catch {
    // an older layer's copy may be in another format or corrupt
  }
  return keys
}

function catalogFile(f: ExtractedFile, ctx: CatalogContext, wal?: Uint8Array): Package[] {
  const warn = (message: string) => ctx.warn({ code: 'ARCHIVE_INVALID', message, path: f.path, layer: f.layer })
  let read: ReturnType<typeof readRpmDbBlobs>
  try {
    read = readRpmDbBlobs(f.bytes, wal)
  } catch (e) {
    warn(e instanceof Error ? e.message : String(e))
    return []
  }
  const out: Package[] = []
  let badHeaders = 0
  let firstError = ''
  const headers: RpmHeaderInfo[] = []
  for (const blob of read.blobs) {
    try {
      headers.push(parseRpmHeader(blob))
    } catch (e) {
      badHeaders++
      firstError ||= e instanceof Error ? e.message : String(e)
    }
  }
  // The database file is rewritten by every layer that installs anything: each
  // package's layer is the earliest one from which it stays listed.
  const layers = introducedIn(ctx.tree, f.path, (bytes) => (bytes === f.bytes ? new Set(headers.map(rpmKey)) : keysOf(bytes)))
  for (const h of headers) out.push(rpmPackage(h, { path: f.path, layer: layers.get(rpmKey(h)) ?? f.layer }, ctx))
  if (badHeaders) warn(`Cannot parse ${badHeaders} rpm header(s) in "${f.path}": ${firstError.replace(/^Cannot parse rpm header: /, '')}`)
  if (read.skipped) warn(`Cannot read ${read.skipped} rpm database entr${read.skipped === 1 ? 'y' : 'ies'} in "${f.path}": bad slot or blob`)
  return out
}

/**
 * The rpm cataloger: installed packages from the rpm database in any of its three
 * formats — SQLite `rpmdb.sqlite` (rpm ≥ 4.16), NDB `Packages.db` (SUSE) and
 * BerkeleyDB hash `Packages` (older) — under `var/lib/rpm`, `usr/lib/sysimage/rpm`
 * or `usr/share/rpm` (with a SQLite database's `-wal` file when present). Each package is attributed to the layer that introduced it (via
 * the database's per-layer history when the tree keeps it). Corrupt files and headers
 * become warnings.
 *
 * @example
 * ```ts
 * import { rpmCataloger } from '@stowaway/sbom'
 * import { createFileTree } from '@stowaway/extract'
 * const pkgs = await rpmCataloger.catalog({ tree: createFileTree([]), warn: () => {} })
 * ```
 */
export const rpmCataloger: Cataloger = {
  name: 'rpm',
  patterns: DIRS.flatMap((d) => [...FILES, 'rpmdb.sqlite-wal'].map((f) => `${d}/${f}`)),
  historyPatterns: DIRS.flatMap((d) => FILES.map((f) => `${d}/${f}`)),
  maxFileBytes: 512 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    const seen = new Set<string>()
    for (const dir of DIRS) {
      // One database per directory: a migrated image may keep the old format beside the new.
      for (const name of FILES) {
        const f = ctx.tree.get(`${dir}/${name}`)
        // usr/share/rpm is often a symlink to var/lib/rpm: read each real file once.
        if (!f || seen.has(f.path)) continue
        seen.add(f.path)
        const wal = name === 'rpmdb.sqlite' ? ctx.tree.get(`${dir}/rpmdb.sqlite-wal`)?.bytes : undefined
        const pkgs = catalogFile(f, ctx, wal)
        out.push(...pkgs)
        if (pkgs.length) break
      }
    }
    return out
  },
}
