// Maven and Composer compare benchmark: WASM bulk vs the TypeScript reference, plus the
// kernel alone (pairs already UTF-8 in one buffer, one compareBatch call) and range
// matching through satisfies(). Pools: Maven = every version in the Maven vector files
// (apache/maven ComparableVersionTest facts, osv-scalibr), since the shared OSV records
// carry few Maven entries; Composer = every version named in the FriendsOfPHP
// advisories' branch constraints. Imports the built package: run
// `npm run build:wasm && npm run build -w packages/version` first.
//
// Usage: node bench/versions/maven-composer.mjs [--pairs 120000] [--seconds 2]
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const { referenceBackend, createWasmBackend, instantiateCore, Scheme, satisfies } = await import(
  join(root, 'packages/version/dist/index.node.js')
)

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const PAIRS = Number(opt('pairs', 120000))
const SECONDS = Number(opt('seconds', 2))
const shared = process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared')

const mavenPool = new Set()
for (const f of ['apache__maven/cases.txt', 'google__osv-scalibr/semantic/testdata/maven-versions.txt']) {
  for (const line of readFileSync(join(root, 'test/fixtures/versions', f), 'utf8').split('\n')) {
    const m = /^(\S+) [<=>~] (\S+)$/.exec(line)
    if (m) mavenPool.add(m[1]).add(m[2])
  }
}

const composerPool = new Set()
const constraints = []
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p)
    else if (name.endsWith('.yaml')) {
      for (const m of readFileSync(p, 'utf8').matchAll(/versions:\s*\[([^\]]*)\]/g)) {
        const items = [...m[1].matchAll(/'([^']*)'|"([^"]*)"|([^,'"\s][^,]*)/g)].map((x) => (x[1] ?? x[2] ?? x[3]).trim())
        constraints.push(items.join(','))
        for (const it of items) {
          const v = /^(?:<=|>=|<|>|!=|==|=)?\s*(\S+)$/.exec(it)
          if (v) composerPool.add(v[1])
        }
      }
    }
  }
}
walk(join(shared, 'data/osv/FriendsOfPHP__security-advisories'))

function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function measure(fn, n) {
  for (let i = 0; i < 3; i++) fn()
  const runs = []
  const until = performance.now() + SECONDS * 1000
  do {
    const t0 = performance.now()
    fn()
    runs.push(performance.now() - t0)
  } while (performance.now() < until || runs.length < 5)
  runs.sort((x, y) => x - y)
  return (n / runs[Math.floor(runs.length / 2)]) * 1000
}

const core = await instantiateCore(new Uint8Array(readFileSync(join(root, 'packages/version/wasm/stowaway-version.wasm'))))
const wasm = createWasmBackend(core)

// The compareBatch input layout (docs/architecture.md, "WASM ABI"): 2n+1 u32 offsets,
// strings ordered A0 B0 A1 B1 …, then the UTF-8 bytes.
function encodeBatch(a, b) {
  const enc = new TextEncoder()
  const strs = []
  for (let i = 0; i < a.length; i++) strs.push(enc.encode(a[i]), enc.encode(b[i]))
  const head = (strs.length + 1) * 4
  const total = strs.reduce((n, x) => n + x.length, 0)
  const out = new Uint8Array(head + total)
  const view = new DataView(out.buffer)
  let off = 0
  strs.forEach((x, i) => {
    view.setUint32(i * 4, off, true)
    out.set(x, head + off)
    off += x.length
  })
  view.setUint32(strs.length * 4, off, true)
  return out
}

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : `${(n / 1e3).toFixed(0)} k/s`)

for (const [name, scheme, set] of [
  ['maven', Scheme.Maven, mavenPool],
  ['composer', Scheme.Composer, composerPool],
]) {
  const pool = [...set].sort()
  const r = rng(0x5eed + scheme)
  const a = Array.from({ length: PAIRS }, () => pool[Math.floor(r() * pool.length)])
  const b = Array.from({ length: PAIRS }, () => pool[Math.floor(r() * pool.length)])
  const ref = referenceBackend.compareMany(scheme, a, b)
  const got = wasm.compareMany(scheme, a, b)
  let mismatches = 0
  let invalid = 0
  for (let i = 0; i < PAIRS; i++) {
    if (ref[i] !== got[i]) mismatches++
    if (ref[i] === 2 || ref[i] === 3) invalid++
  }
  const batch = encodeBatch(a, b)
  const kernel = () => {
    const base = core.inputBuffer(batch.length)
    new Uint8Array(core.memory.buffer, base, batch.length).set(batch)
    core.compareBatch(scheme, PAIRS)
  }
  const w = measure(() => wasm.compareMany(scheme, a, b), PAIRS)
  const t = measure(() => referenceBackend.compareMany(scheme, a, b), PAIRS)
  const k = measure(kernel, PAIRS)
  console.log(
    `| ${name} compare | ${pool.length} distinct (${((invalid / PAIRS) * 100).toFixed(1)} % invalid pairs) | ${fmt(w)} | ${fmt(k)} | ${fmt(t)} | ${(w / t).toFixed(1)}× | ${(k / t).toFixed(1)}× | ${mismatches} |`,
  )
}

// satisfies(): one range, many candidates (range parsed on every call, as the API does).
const cands = Array.from({ length: 20000 }, (_, i) => `${1 + (i % 3)}.${i % 7}.${i % 11}${i % 5 === 0 ? '-RC1' : ''}`)
for (const [eco, range] of [
  ['Maven', '[1.0,1.5),[2.1,3.0-alpha)'],
  ['Packagist', '>=1.0,<1.5 || ^2.1'],
]) {
  const sw = measure(() => cands.forEach((v) => satisfies(eco, v, range, { backend: wasm })), cands.length)
  const st = measure(() => cands.forEach((v) => satisfies(eco, v, range, { backend: referenceBackend })), cands.length)
  console.log(`| ${eco} satisfies('${range}') | ${cands.length} candidates | ${fmt(sw)} | — | ${fmt(st)} | ${(sw / st).toFixed(1)}× | — | — |`)
}
console.log(`(${constraints.length} FriendsOfPHP branch constraints read)`)
