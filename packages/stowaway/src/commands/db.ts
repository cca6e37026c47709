import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { StowawayError } from '@stowaway/core'
import { buildDb, ingestTree, writeDbDir } from '@stowaway/match'
import type { SourceReport } from '@stowaway/match'
import type { CliIo } from '../io.ts'
import { defaultDbDir, isBundlePath, nodeFs, openDb, writeDbBundleFile } from './db-fs.ts'

const USAGE = `Usage:
  stowaway db build --from PATH [--from PATH …] [--out DIR|FILE.stwdb]   compile OSV/native feeds (files, dirs, all.zip);
                                                                   a .stwdb path writes one single-file bundle
  stowaway db update --ecosystem E[,E…] [--db DIR] [--base-url URL]   fetch osv.dev dumps (ETag-cached) and rebuild
                                                                   from every dump fetched so far (kept in DIR.dumps)
  stowaway db info [--db DIR|FILE]                                 sources, records per ecosystem, build time, age`

/** Default mirror of the osv.dev per-ecosystem dumps. */
export const OSV_DUMP_BASE = 'https://osv-vulnerabilities.storage.googleapis.com'

function printSources(io: CliIo, sources: SourceReport[]): void {
  for (const s of sources) {
    const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0)
    const formats = Object.entries(s.formats).filter(([f]) => f !== 'none').map(([f, n]) => `${f} ${n}`).join(', ')
    io.stdout(`${s.source}: ${s.files} files${formats ? ` (${formats})` : ''}, ${s.advisories} advisories ingested, ${skipped} skipped\n`)
    for (const [reason, n] of Object.entries(s.skipped).sort((a, b) => b[1] - a[1])) io.stdout(`    skipped ${n}: ${reason}\n`)
  }
}

async function build(from: string[], out: string, io: CliIo): Promise<number> {
  const t0 = performance.now()
  const fs = nodeFs()
  const ingested = await ingestTree(fs, from)
  printSources(io, ingested.sources)
  const db = await buildDb(ingested.advisories, {
    sources: ingested.sources.map((s) => ({ source: s.source, files: s.files, advisories: s.advisories, skipped: Object.values(s.skipped).reduce((a, b) => a + b, 0) })),
  })
  if (isBundlePath(out)) await writeDbBundleFile(out, db.files)
  else await writeDbDir(fs, out, db)
  let bytes = 0
  for (const b of db.files.values()) bytes += b.length
  io.stdout(
    `Wrote ${out}: ${db.manifest.shards.length} shards, ${db.manifest.shards.reduce((a, s) => a + s.advisories, 0)} advisory records, ${bytes} bytes` +
      `${db.duplicates ? `, ${db.duplicates} duplicate ids merged` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  )
  return 0
}

async function info(dir: string, io: CliIo): Promise<number> {
  const db = await openDb(dir)
  const m = db.manifest
  const ageH = (Date.now() - Date.parse(m.builtAt)) / 3_600_000
  io.stdout(`DB ${dir}\n  format ${m.format} v${m.version}, built ${m.builtAt} (${ageH < 48 ? `${ageH.toFixed(1)} hours` : `${(ageH / 24).toFixed(0)} days`} ago)\n`)
  io.stdout(`  sources:\n`)
  for (const s of m.sources) io.stdout(`    ${s.source}: ${s.advisories} advisories from ${s.files} files, ${s.skipped} skipped\n`)
  io.stdout(`  ecosystems:\n`)
  for (const s of m.shards) io.stdout(`    ${s.ecosystem}: ${s.advisories} advisories, ${s.packages} packages, ${s.bytes} bytes\n`)
  return 0
}

async function update(dir: string, ecosystems: string[], base: string, io: CliIo): Promise<number> {
  const cache = `${dir.replace(/\/+$/, '')}.dumps`
  await mkdir(cache, { recursive: true })
  const zips: string[] = []
  for (const eco of ecosystems) {
    const url = `${base.replace(/\/+$/, '')}/${encodeURIComponent(eco)}/all.zip`
    const file = join(cache, `${eco.replace(/[^A-Za-z0-9.]+/g, '_')}.zip`)
    const etagFile = `${file}.etag`
    const etag = existsSync(file) && existsSync(etagFile) ? (await readFile(etagFile, 'utf8')).trim() : undefined
    let res: Response
    try {
      res = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {} })
    } catch (e) {
      throw new StowawayError('NETWORK', `Cannot update DB: ${url} is unreachable (offline?); the existing DB at "${dir}" is kept`, { cause: e })
    }
    if (res.status === 304) {
      io.stdout(`${eco}: unchanged (ETag ${etag})\n`)
    } else if (res.ok) {
      const bytes = new Uint8Array(await res.arrayBuffer())
      await writeFile(`${file}.part`, bytes)
      await rename(`${file}.part`, file)
      const tag = res.headers.get('etag')
      if (tag) await writeFile(etagFile, tag + '\n')
      io.stdout(`${eco}: downloaded ${bytes.length} bytes\n`)
    } else {
      throw new StowawayError('REGISTRY_HTTP', `Cannot update DB: ${url} answered HTTP ${res.status}; the existing DB at "${dir}" is kept`)
    }
    zips.push(file)
  }
  // Rebuild from every dump fetched so far, so updating one ecosystem keeps the others.
  const cached = (await readdir(cache)).filter((n) => n.endsWith('.zip')).map((n) => join(cache, n))
  return build([...new Set([...zips, ...cached])].sort(), dir, io)
}

/**
 * `stowaway db …`: build, update and describe the compiled advisory DB.
 *
 * @param argv arguments after `db`
 * @param io output sinks
 * @returns exit code: 0 ok, 2 usage or input error
 */
export async function dbCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv
  const { values } = parseArgs({
    args: rest,
    allowPositionals: false,
    options: {
      from: { type: 'string', multiple: true },
      out: { type: 'string' },
      db: { type: 'string' },
      ecosystem: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
    },
  })
  const dir = values.db ?? values.out ?? defaultDbDir()
  if (sub === 'build' && values.from?.length) return build(values.from, values.out ?? dir, io)
  if (sub === 'info') return info(dir, io)
  if (sub === 'update' && values.ecosystem?.length) {
    const ecos = values.ecosystem.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean)
    return update(dir, ecos, values['base-url'] ?? process.env.STOWAWAY_OSV_BASE_URL ?? OSV_DUMP_BASE, io)
  }
  io.stderr(USAGE + '\n')
  return 2
}
