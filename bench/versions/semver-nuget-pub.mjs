// SemVer (npm), NuGet and pub compare benchmark, plus npm ranges: WASM bulk and the
// pre-encoded WASM kernel vs the TypeScript reference, and node-semver as the native
// baseline for SemVer. Pools: every version the shared OSV records name for the
// scheme's ecosystems, the carried test vectors, and seeded realistic versions (the
// shared records hold few NuGet and no pub versions).
// Imports the built package: run `npm run build:wasm && npm run build -w packages/version` first.
//
// Usage: node bench/versions/semver-nuget-pub.mjs [--pairs 120000] [--seconds 2]
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { root, shared, PAIRS, SECONDS, version, core, wasm, rng, measure, encodeBatch, kernel, fmt } from './support.mjs'

const { referenceBackend, findSchemeForEcosystem, Scheme, satisfies, parseSemverRange } = version




// ---- pools ----
const pools = new Map([
  [Scheme.Semver, new Set()],
  [Scheme.NuGet, new Set()],
  [Scheme.Pub, new Set()],
])
function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* walk(p)
    else if (name.endsWith('.json')) yield p
  }
}
for (const file of walk(join(shared, 'data/osv'))) {
  let doc
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    continue
  }
  for (const aff of doc?.affected ?? []) {
    const s = typeof aff?.package?.ecosystem === 'string' ? findSchemeForEcosystem(aff.package.ecosystem) : undefined
    for (const r of aff?.ranges ?? []) {
      const scheme = r?.type === 'SEMVER' ? Scheme.Semver : r?.type === 'ECOSYSTEM' ? s : undefined
      const set = pools.get(scheme)
      if (!set) continue
      for (const ev of r.events ?? []) for (const x of Object.values(ev ?? {})) if (typeof x === 'string' && x !== '0') set.add(x)
    }
  }
}
const vectors = join(root, 'test/fixtures/versions')
const words = (f) => readFileSync(join(vectors, f), 'utf8').split(/[\s\t]+/).filter((w) => /^v?[0-9]/.test(w))
for (const w of [...words('npm__node-semver/cases.txt'), ...words('google__osv-scalibr/semantic/testdata/semver-versions.txt')]) pools.get(Scheme.Semver).add(w)
for (const w of words('google__osv-scalibr/semantic/testdata/nuget-versions.txt')) pools.get(Scheme.NuGet).add(w)
for (const w of words('google__osv-scalibr/semantic/testdata/pub-versions.txt')) pools.get(Scheme.Pub).add(w)
{
  const r = rng(7)
  const n = (k) => String(Math.floor(r() * k))
  const labels = ['alpha', 'beta', 'rc', 'preview', 'dev', 'nullsafety']
  for (let i = 0; i < 2000; i++) {
    const pre = r() < 0.3 ? `-${labels[Math.floor(r() * labels.length)]}.${n(12)}` : ''
    pools.get(Scheme.NuGet).add(`${n(9)}.${n(20)}.${n(30)}${r() < 0.2 ? `.${n(5)}` : ''}${pre}`)
    pools.get(Scheme.Pub).add(`${n(4)}.${n(20)}.${n(30)}${pre}${r() < 0.15 ? `+${n(10)}` : ''}`)
  }
}

function pairs(pool, seed) {
  const r = rng(seed)
  const a = Array.from({ length: PAIRS }, () => pool[Math.floor(r() * pool.length)])
  const b = Array.from({ length: PAIRS }, () => pool[Math.floor(r() * pool.length)])
  return [a, b]
}


const fmtRate = (n) => `${fmt(n)}/s`
const x = (a, b) => `${(a / b).toFixed(1)}×`
const rows = []
for (const [scheme, name] of [[Scheme.Semver, 'semver'], [Scheme.NuGet, 'nuget'], [Scheme.Pub, 'pub']]) {
  let pool = [...pools.get(scheme)].sort()
  // node-semver throws on what it cannot parse: keep the pairs it can compare.
  if (scheme === Scheme.Semver) pool = pool.filter((s) => semver.valid(s) !== null)
  const [a, b] = pairs(pool, 0x5eed + scheme)
  const ref = referenceBackend.compareMany(scheme, a, b)
  const got = wasm.compareMany(scheme, a, b)
  let diff = 0
  let invalid = 0
  for (let i = 0; i < PAIRS; i++) {
    if (ref[i] !== got[i]) diff++
    if (ref[i] > 1) invalid++
  }
  const batch = encodeBatch(a, b)
  const viaKernel = new Int8Array(core.memory.buffer, kernel(scheme, batch, PAIRS), PAIRS)
  for (let i = 0; i < PAIRS; i++) if (viaKernel[i] !== got[i]) diff++
  const ts = measure(() => referenceBackend.compareMany(scheme, a, b))
  const bulk = measure(() => wasm.compareMany(scheme, a, b))
  const kern = measure(() => kernel(scheme, batch, PAIRS))
  const native = scheme === Scheme.Semver ? measure(() => { let s = 0; for (let i = 0; i < PAIRS; i++) s += semver.compare(a[i], b[i]); return s }) : undefined
  rows.push(`| ${name} compare | ${pool.length} distinct, ${((invalid / PAIRS) * 100).toFixed(1)}% invalid pairs | ${fmtRate(bulk)} | ${fmtRate(kern)} | ${fmtRate(ts)} | ${x(bulk, ts)} / ${x(kern, ts)} | ${native ? `${fmtRate(native)} (node-semver)` : '—'} | ${diff} |`)
  console.error(`measured ${name}`)
}

// npm ranges: satisfies() parses the range on every call; a parsed range is reused.
{
  const pool = [...pools.get(Scheme.Semver)].filter((s) => semver.valid(s) !== null)
  const r = rng(3)
  const cands = Array.from({ length: 20000 }, () => pool[Math.floor(r() * pool.length)])
  const range = '^1.2.3 || >=2.0.0 <2.5.0-0 || ~3.1'
  const parsed = parseSemverRange(range)
  for (const [kind, backend] of [['wasm', wasm], ['ts', referenceBackend]]) {
    const cmp = (p, q) => backend.compare(Scheme.Semver, p, q)
    const perCall = measure(() => { for (const c of cands) satisfies('npm', c, range, { backend }) }, cands.length)
    const reused = measure(() => { for (const c of cands) parsed.test(c, cmp) }, cands.length)
    rows.push(`| npm \`satisfies('${range}')\` (${kind}) | 20 000 candidates | ${fmtRate(perCall)} per call / ${fmtRate(reused)} parsed once | — | — | — | ${kind === 'wasm' ? `${fmtRate(measure(() => { for (const c of cands) semver.satisfies(c, range) }, cands.length))} (node-semver, cached)` : ''} | — |`)
  }
}

console.log(`pairs per scheme: ${PAIRS}; ${SECONDS}s per measurement benchmark.js mean rate; Node ${process.version}`)
console.log('')
console.log('| what | inputs | WASM compareMany | WASM kernel (pre-encoded) | TS reference | WASM/TS (bulk / kernel) | native | TS≠WASM |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|')
for (const row of rows) console.log(row)
