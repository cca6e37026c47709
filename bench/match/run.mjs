// Match-stage benchmark: builds the DB from all of ../shared/data/osv (build time, size
// against the source JSON), loads it (time to open + decode every shard), then matches a
// 5 000-package inventory drawn from the DB's own packages with the TS reference matcher,
// the previous batched path (compareMany per scheme) and the bulk WASM matcher in the
// same run, and checks they agree.
// Imports the built packages: run `npm run build:wasm && npm run build -w packages/version -w packages/sbom -w packages/match` first.
//
// Usage: node bench/match/run.mjs [--packages 5000] [--runs 15] [--min-seconds 2] [--warmup 5] [--json out.json]
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { drawInventory } from './inventory.mjs'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const { ingestTree, buildDb, writeDbDir, openDbDir, matchInventory, nodeFileSystem } = await import(join(root, 'packages/match/dist/index.node.js'))
const { initVersionCore, getVersionBackend, instantiateCore, createWasmBackend } = await import(join(root, 'packages/version/dist/index.node.js'))

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const N = Number(opt('packages', 5000))
const RUNS = Number(opt('runs', 15))
// Each matcher is timed for at least RUNS runs and at least MIN_SECONDS: a fast matcher's
// 21 runs last a fraction of a second, short enough for one burst of load from other jobs
// on the machine to move its median; the reference's last seconds.
const MIN_SECONDS = Number(opt('min-seconds', 2))
const shared = process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared')
const osvDir = join(shared, 'data', 'osv')

function sizeOf(dir, ext) {
  let n = 0
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) n += sizeOf(p, ext)
    else if (!ext || p.endsWith(ext)) n += st.size
  }
  return n
}

const fs = nodeFileSystem()
let t = performance.now()
const ingested = await ingestTree(fs, [osvDir])
const ingestMs = performance.now() - t
t = performance.now()
const built = await buildDb(ingested.advisories, { sources: [] })
const compileMs = performance.now() - t
const out = join(mkdtempSync(join(tmpdir(), 'swbench-')), 'db')
await writeDbDir(fs, out, built)
let dbBytes = 0
for (const b of built.files.values()) dbBytes += b.length
const jsonBytes = sizeOf(osvDir, '.json')
const allBytes = sizeOf(osvDir)

t = performance.now()
const db = await openDbDir(fs, out)
for (const s of db.manifest.shards) await db.shard(s.key)
const loadMs = performance.now() - t

// Inventory: bench/match/inventory.mjs (a worst case: nearly every lookup hits).
const shards = await Promise.all(db.manifest.shards.map((s) => db.shard(s.key)))
const inv = await drawInventory(db, N)

await initVersionCore()
// The bulk matcher needs the backend's raw core (a WASM backend carries it as `core`;
// one is built from the same module should it not). `compareManyBackend` hides the
// core: the previous batched path.
let bulkBackend = getVersionBackend()
if (!bulkBackend.core) {
  const core = await instantiateCore(readFileSync(join(root, 'packages/version/wasm/stowaway-version.wasm')))
  bulkBackend = { ...createWasmBackend(core), core }
}
const { core: _hidden, ...compareManyBackend } = bulkBackend
const backend = bulkBackend.kind

// First bulk call copies every shard's match region into WASM memory: timed apart.
t = performance.now()
await matchInventory({ packages: shards.map((s, i) => ({ name: '-', version: '1', type: 'generic', ecosystem: db.manifest.shards[i].ecosystem })), warnings: [] }, db, { backend: bulkBackend })
const uploadMs = performance.now() - t

// Per matcher, in turn: WARMUP untimed runs (JIT, decoded records, templates), then the
// median of RUNS timed runs. Each matcher runs as a scan would, by itself: interleaving
// them run by run would charge one with the other's garbage and cache misses. A run's
// result is let go before the next run starts, as one scan's findings are gone before
// the next scan: held, every young-generation GC of the next run would copy them too.
const WARMUP = Number(opt('warmup', 5))
const medianRuns = async (invX, modes) => {
  const out = []
  for (const mode of modes) {
    const ms = []
    let r
    let timedFor = 0
    for (let i = 0; i < WARMUP + RUNS || timedFor < MIN_SECONDS * 1000; i++) {
      r = undefined
      const t0 = performance.now()
      r = await matchInventory(invX, db, mode)
      const t = performance.now() - t0
      if (i >= WARMUP) {
        ms.push(t)
        timedFor += t
      }
    }
    ms.sort((a, b) => a - b)
    out.push({ ms: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1], runs: ms.length, r })
  }
  return out
}
const MODES = [{ mode: 'reference' }, { mode: 'batched', backend: compareManyBackend }, { mode: 'batched', backend: bulkBackend }]
const [ref, many, wasm] = await medianRuns(inv, MODES)
const same = JSON.stringify(ref.r.findings) === JSON.stringify(wasm.r.findings) && JSON.stringify(ref.r.findings) === JSON.stringify(many.r.findings)

// The same comparison on a real-shaped SBOM: the 5 000-component CycloneDX document
// bench/browser/generate-sbom.mjs builds (npm, Go, PyPI purls), read with readSbom.
const { generateSbom } = await import(join(root, 'bench/browser/generate-sbom.mjs'))
const { readSbom } = await import(join(root, 'packages/sbom/dist/index.js'))
const sbomInv = readSbom(JSON.stringify(generateSbom(N, join(shared, 'data'))))
const [sRef, , sWasm] = await medianRuns(sbomInv, MODES)
const sSame = JSON.stringify(sRef.r.findings) === JSON.stringify(sWasm.r.findings)
const load = (await import('node:os')).loadavg().map((x) => +x.toFixed(2))

const res = {
  date: new Date().toISOString(),
  node: process.version,
  ingestSeconds: +(ingestMs / 1000).toFixed(1),
  compileSeconds: +(compileMs / 1000).toFixed(1),
  dbBytes,
  sourceJsonBytes: jsonBytes,
  sourceAllBytes: allBytes,
  ratioJson: +(jsonBytes / dbBytes).toFixed(1),
  shards: db.manifest.shards.length,
  advisoryRecords: db.manifest.shards.reduce((a, s) => a + s.advisories, 0),
  loadAllShardsMs: Math.round(loadMs),
  uploadAllRegionsMs: Math.round(uploadMs),
  packages: N,
  findings: ref.r.findings.length,
  runs: RUNS,
  minSeconds: MIN_SECONDS,
  timedRuns: { reference: ref.runs, compareMany: many.runs, bulk: wasm.runs, sbomReference: sRef.runs, sbomBulk: sWasm.runs },
  warmup: WARMUP,
  referenceMs: +ref.ms.toFixed(1),
  referenceRangeMs: [+ref.min.toFixed(1), +ref.max.toFixed(1)],
  compareManyMs: +many.ms.toFixed(1),
  bulkMs: +wasm.ms.toFixed(1),
  bulkRangeMs: [+wasm.min.toFixed(1), +wasm.max.toFixed(1)],
  bulkBackend: backend,
  speedup: +(ref.ms / wasm.ms).toFixed(2),
  identical: same,
  sbomComponents: sbomInv.packages.length,
  sbomFindings: sRef.r.findings.length,
  sbomReferenceMs: +sRef.ms.toFixed(1),
  sbomBulkMs: +sWasm.ms.toFixed(1),
  sbomBulkRangeMs: [+sWasm.min.toFixed(1), +sWasm.max.toFixed(1)],
  sbomSpeedup: +(sRef.ms / sWasm.ms).toFixed(2),
  sbomIdentical: sSame,
  loadAverage: load,
}
console.log(JSON.stringify(res, null, 2))
const jsonOut = opt('json')
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(res, null, 2) + '\n')
if (!same || !sSame) process.exitCode = 1
