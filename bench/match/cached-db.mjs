// The DB built from ../shared/data/osv, cached under os.tmpdir() for the match benches
// that time matching only (wasm-run.mjs, profile-bulk.mjs). The cache is valid while the
// sources that build it (ingest, records, DB and region format, package-name rules) are
// unchanged; older caches are removed.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'

/**
 * @param {string} root the repository root
 * @param {any} match the built @stowaway/match (node entry)
 * @returns {Promise<any>} the opened DB
 */
export async function cachedDb(root, match) {
  const { ingestTree, buildDb, writeDbDir, openDbDir, nodeFileSystem } = match
  const shared = process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared')
  const hash = createHash('sha256')
  const srcDir = join(root, 'packages/match/src')
  const builds = /^(db|db-.*|match-region|ingest-.*|osv-record|advisory|package-name)\.ts$/
  for (const f of readdirSync(srcDir).sort()) if (builds.test(f)) hash.update(f).update(readFileSync(join(srcDir, f)))
  const cacheName = `stowaway-wasm-run-${hash.digest('hex').slice(0, 16)}`
  const cacheDir = join(tmpdir(), cacheName)
  const fs = nodeFileSystem()
  if (!existsSync(join(cacheDir, 'db'))) {
    for (const old of readdirSync(tmpdir())) if (old.startsWith('stowaway-wasm-run-') && old !== cacheName) rmSync(join(tmpdir(), old), { recursive: true, force: true })
    const t = performance.now()
    const ingested = await ingestTree(fs, [join(shared, 'data', 'osv')])
    const built = await buildDb(ingested.advisories, { sources: [] })
    const tmp = `${cacheDir}.tmp-${process.pid}`
    rmSync(tmp, { recursive: true, force: true })
    mkdirSync(tmp, { recursive: true })
    await writeDbDir(fs, join(tmp, 'db'), built)
    renameSync(tmp, cacheDir)
    console.error(`built the DB into ${cacheDir} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  return openDbDir(fs, join(cacheDir, 'db'))
}
