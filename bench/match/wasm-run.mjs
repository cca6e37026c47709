// WASM bulk-matcher A/B: times only the core's `matchRun` call (assembly/match.ts) for
// the 5 000-package inventory of bench/match/run.mjs, with two cores in one process —
// a baseline .wasm and the freshly built one — alternating run by run, and checks their
// packed results are byte-identical.
//
// The DB built from ../shared/data/osv is cached under os.tmpdir() (keyed by the match
// sources that build it, so a format change rebuilds it). The queries are the ones
// matchInventory's bulk path makes (recorded from MatchBatch.add), replayed through a
// new MatchBatch per run and core.
//
// Before changing assembly/, keep the baseline:
//   npx asc assembly/index.ts --target release --outFile bench/match/.cache/baseline.wasm
// then, after each change:
//   npm run build:wasm && npm run build -w packages/version -w packages/match
//   node bench/match/wasm-run.mjs [--runs 41] [--warmup 10] [--scheme rpm] [--baseline path.wasm] [--candidate path.wasm]
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cachedDb } from './cached-db.mjs'
import { drawInventory } from './inventory.mjs'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const match = await import(join(root, 'packages/match/dist/index.node.js'))
const { matchInventory, MatchBatch } = match
const { instantiateCore, createWasmBackend, Scheme } = await import(join(root, 'packages/version/dist/index.node.js'))

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const N = Number(opt('packages', 5000))
const RUNS = Number(opt('runs', 41))
const WARMUP = Number(opt('warmup', 10))
const baselinePath = resolve(opt('baseline', join(root, 'bench/match/.cache/baseline.wasm')))
const candidatePath = resolve(opt('candidate', join(root, 'packages/version/wasm/stowaway-version.wasm')))
if (!existsSync(baselinePath)) throw new Error(`Cannot run the A/B: no baseline at ${baselinePath} (see the header of this file)`)

const db = await cachedDb(root, match)

// Inventory: the one bench/match/run.mjs matches (bench/match/inventory.mjs).
const inv = await drawInventory(db, N)

// A core whose matchRun is timed; the same wrapper object throughout, so each core's
// regions are uploaded once (regionIn keys them by core).
async function timedCore(path) {
  const raw = await instantiateCore(readFileSync(path))
  const core = {
    memory: raw.memory,
    matchAlloc: (n) => raw.matchAlloc(n),
    matchFree: (p) => raw.matchFree(p),
    matchInput: (n) => raw.matchInput(n),
    lastMs: 0,
    matchRun(count) {
      const t0 = performance.now()
      const out = raw.matchRun(count)
      this.lastMs = performance.now() - t0
      return out
    },
  }
  return { core, backend: { ...createWasmBackend(raw), core } }
}
const A = await timedCore(baselinePath)
const B = await timedCore(candidatePath)

// The queries matchInventory's bulk path makes, recorded once (with the baseline core).
const queries = []
const add = MatchBatch.prototype.add
MatchBatch.prototype.add = function (shard, scheme, key, version) {
  queries.push([shard, scheme, key, version])
  return add.call(this, shard, scheme, key, version)
}
await matchInventory(inv, db, { backend: A.backend })
MatchBatch.prototype.add = add
// --scheme rpm|dpkg|apk|…: only that scheme's queries (the Scheme name, case-insensitive).
const only = opt('scheme')
if (only) {
  const id = Object.entries(Scheme).find(([k]) => k.toLowerCase() === only.toLowerCase())?.[1]
  if (id === undefined) throw new Error(`Cannot filter by scheme "${only}": schemes are ${Object.keys(Scheme).join(', ')}`)
  for (let i = queries.length - 1; i >= 0; i--) if (queries[i][1] !== id) queries.splice(i, 1)
}

function runOnce(core) {
  const b = new MatchBatch(core, queries.length)
  for (const q of queries) b.add(q[0], q[1], q[2], q[3])
  const rec = b.runPacked()
  return { ms: core.lastMs, rec }
}

const msA = []
const msB = []
let identical = true
let results = 0
for (let i = 0; i < WARMUP + RUNS; i++) {
  // Alternate which core goes first, so neither always runs on the other's cache.
  const order = i % 2 === 0 ? [A, B] : [B, A]
  const r = order.map((x) => runOnce(x.core))
  const [ra, rb] = i % 2 === 0 ? r : [r[1], r[0]]
  const a = ra.rec
  const b = rb.rec
  if (a.length !== b.length || !a.every((x, k) => x === b[k])) identical = false
  results = a.length / 3
  if (i >= WARMUP) {
    msA.push(ra.ms)
    msB.push(rb.ms)
  }
}
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y)
  return s[Math.floor(s.length / 2)]
}
const res = {
  date: new Date().toISOString(),
  node: process.version,
  packages: N,
  scheme: only ?? 'all',
  queries: queries.length,
  results,
  runs: RUNS,
  warmup: WARMUP,
  baseline: baselinePath,
  candidate: candidatePath,
  baselineMs: +median(msA).toFixed(3),
  candidateMs: +median(msB).toFixed(3),
  ratio: +(median(msA) / median(msB)).toFixed(2),
  baselineMinMs: +Math.min(...msA).toFixed(3),
  candidateMinMs: +Math.min(...msB).toFixed(3),
  identical,
  loadAverage: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)),
}
console.log(JSON.stringify(res, null, 2))
if (!identical) process.exitCode = 1
