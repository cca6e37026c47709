// Where the bulk matcher's time goes: the inventory of bench/match/run.mjs (or its
// 5 000-component SBOM with --sbom) matched over and over by the bulk path alone, with the
// V8 sampling profiler on for the timed runs only (after warm-up), and each run's result
// let go before the next as in run.mjs. Prints the median run and the inclusive time per
// run of the bulk path's functions; writes the .cpuprofile for Chrome DevTools.
//
//   npm run build:wasm && npm run build -w packages/version -w packages/sbom -w packages/match
//   node bench/match/profile-bulk.mjs [--sbom] [--runs 300] [--out bulk.cpuprofile]
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Session } from 'node:inspector/promises'
import { cachedDb } from './cached-db.mjs'
import { drawInventory } from './inventory.mjs'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const match = await import(join(root, 'packages/match/dist/index.node.js'))
const { initVersionCore } = await import(join(root, 'packages/version/dist/index.node.js'))
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const RUNS = Number(opt('runs', 300))
const out = opt('out', 'bulk.cpuprofile')

const db = await cachedDb(root, match)
let inv = await drawInventory(db, 5000)
if (args.includes('--sbom')) {
  const { generateSbom } = await import(join(root, 'bench/browser/generate-sbom.mjs'))
  const { readSbom } = await import(join(root, 'packages/sbom/dist/index.js'))
  inv = readSbom(JSON.stringify(generateSbom(5000, join(process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared'), 'data'))))
}
const backend = await initVersionCore()
if (!backend.core) throw new Error('Cannot profile the bulk path: the active version backend has no WASM core')
let r
for (let i = 0; i < 20; i++) r = await match.matchInventory(inv, db, { backend })

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 50 })
await session.post('Profiler.start')
const ms = []
for (let i = 0; i < RUNS; i++) {
  r = undefined
  const t = performance.now()
  r = await match.matchInventory(inv, db, { backend })
  ms.push(performance.now() - t)
}
const { profile } = await session.post('Profiler.stop')
writeFileSync(out, JSON.stringify(profile))
ms.sort((a, b) => a - b)

// Inclusive time per function name (a name counted once per stack, so recursion is not
// counted twice), per run.
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0))
const inclusive = new Map()
const walk = (n, above) => {
  let t = self.get(n.id) ?? 0
  const name = n.callFrame.functionName || '(anonymous)'
  const outer = above.has(name)
  above.add(name)
  for (const c of n.children ?? []) t += walk(nodes.get(c), above)
  if (!outer) {
    above.delete(name)
    inclusive.set(name, (inclusive.get(name) ?? 0) + t)
  }
  return t
}
walk(profile.nodes[0], new Set())
const perRun = (name) => ((inclusive.get(name) ?? 0) / 1000 / RUNS).toFixed(2)
console.log(`${args.includes('--sbom') ? 'SBOM' : 'inventory'}: ${inv.packages.length} packages, ${r.findings.length} findings; median run ${ms[ms.length >> 1].toFixed(1)} ms (profiled), ${RUNS} runs; ${out}`)
console.log('| function | ms per run, inclusive | what |')
console.log('|---|---:|---|')
const rows = [
  ['matchBulk', 'the whole bulk path'],
  ['runPacked', 'query strings into WASM memory, matchRun, results out'],
  ['emitInOrder', 'package order and the findings of plain "affected" packages'],
  ['packageOrder', 'names and versions into WASM memory, orderRun'],
  ['emitAffected', 'findings from entry templates'],
  ['generalFindings', 'packages with native entries, CPE candidates or warnings'],
  ['evaluateEntry', 'native entries through the TypeScript evaluator'],
  ['(garbage collector)', 'GC'],
]
for (const [name, what] of rows) console.log(`| ${name} | ${perRun(name)} | ${what} |`)
