// Version-core benchmark: WASM bulk compare vs the TypeScript reference (and
// node-semver for the SemVer scheme) on pairs of real version strings taken from the
// OSV records under ../shared/data/osv. Imports the built package
// (packages/version/dist/index.node.js): run `npm run build:wasm && npm run build -w packages/version` first.
//
// Usage: node bench/versions/run.mjs [--pairs 120000] [--seconds 2] [--json out.json]
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import semver from 'semver'
import { root, opt, osvVersionPools, PAIRS, SECONDS, version, wasmBytes, core, wasm, makePairs, crossCheck, measure, encodeBatch, kernel, fmt } from './support.mjs'

const { referenceBackend, SCHEME_NAMES, Scheme } = version

const { pools, records } = osvVersionPools()

const results = []
for (const [scheme, set] of [...pools].sort((x, y) => x[0] - y[0])) {
  let pool = [...set].sort()
  // node-semver throws on what it cannot parse: the SemVer pool keeps only what it parses,
  // so all three contenders run on exactly the same pairs.
  if (scheme === Scheme.Semver) pool = pool.filter((v) => semver.valid(v) !== null)
  if (pool.length < 2) continue
  const [a, b] = makePairs(pool, 0x5eed + scheme)
  let { got, mismatches, invalid } = crossCheck(scheme, a, b)
  const batch = encodeBatch(a, b)
  const pre = new Int8Array(core.memory.buffer, kernel(scheme, batch, PAIRS), PAIRS).slice()
  for (let i = 0; i < PAIRS; i++) if (pre[i] !== got[i]) mismatches++
  const row = {
    scheme: SCHEME_NAMES[scheme],
    distinct: pool.length,
    pairs: PAIRS,
    invalidShare: invalid / PAIRS,
    mismatches,
    wasm: measure(() => wasm.compareMany(scheme, a, b)),
    ts: measure(() => referenceBackend.compareMany(scheme, a, b)),
    kernel: measure(() => kernel(scheme, batch, PAIRS)),
  }
  if (scheme === Scheme.Semver) {
    row.semver = measure(() => {
      let s = 0
      for (let i = 0; i < PAIRS; i++) s += semver.compare(a[i], b[i])
      return s
    })
  }
  results.push(row)
  console.error(`measured ${row.scheme}`)
}

const size = { raw: wasmBytes.length, gzip: gzipSync(wasmBytes, { level: 9 }).length }
const lines = [
  `OSV records read: ${records}; pairs per scheme: ${PAIRS}; timed with benchmark.js (maxTime ${SECONDS}s, one op = one batch)`,
  '',
  '| scheme | distinct versions | invalid pairs | TS reference | WASM compareMany | WASM/TS | WASM kernel (pre-encoded) | kernel/TS | semver.compare | WASM/semver | kernel/semver | TS≠WASM |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map((r) => {
    const x = (n, d) => (d ? `${(n / d).toFixed(1)}×` : '—')
    return `| ${r.scheme} | ${r.distinct} | ${(r.invalidShare * 100).toFixed(1)}% | ${fmt(r.ts)} | ${fmt(r.wasm)} | ${x(r.wasm, r.ts)} | ${fmt(r.kernel)} | ${x(r.kernel, r.ts)} | ${r.semver ? fmt(r.semver) : '—'} | ${x(r.wasm, r.semver)} | ${x(r.kernel, r.semver)} | ${r.mismatches} |`
  }),
  '',
  'ops/s = compared pairs per second. TS≠WASM counts pairs where the reference and the WASM paths disagree (must be 0).',
  '',
  `stowaway-version.wasm: ${size.raw} bytes raw, ${size.gzip} bytes gzipped (level 9)`,
]
console.log(lines.join('\n'))
const jsonOut = opt('json', join(root, 'bench/results/versions.json'))
mkdirSync(resolve(jsonOut, '..'), { recursive: true })
writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), node: process.version, pairs: PAIRS, records, size, results }, null, 2))
