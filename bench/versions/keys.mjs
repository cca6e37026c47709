// Sort-key benchmark (issue #5): comparing pre-computed sort keys (compareKeys on
// Uint8Array pairs, as a matcher reading a compiled DB would) vs the WASM bulk compare
// on the strings vs the TypeScript reference, on the same pairs of real versions from
// the OSV records under ../shared/data/osv. Only versions that get a key are pooled, so
// all three contenders see identical pairs. Also times sortKey itself (TS, and the WASM
// batch) and checks key order against compare() (must be 0 mismatches).
// Imports the built package: run `npm run build:wasm && npm run build -w packages/version` first.
//
// Usage: node bench/versions/keys.mjs [--pairs 120000] [--seconds 2]
import { osvVersionPools, PAIRS, SECONDS, version, core, wasm, makePairs, measure, fmt } from './support.mjs'

const { referenceBackend, SCHEME_NAMES, sortKey, compareKeys, createWasmKeys } = version
const wasmKeys = createWasmKeys(core)

const { pools } = osvVersionPools()

console.log(`pairs per scheme: ${PAIRS}; benchmark.js maxTime ${SECONDS}s; one op = one batch`)
console.log('')
console.log('| scheme | distinct versions | keyed | TS reference | WASM compareMany | compareKeys (TS, pre-computed keys) | keys/TS | keys/WASM | sortKey TS | sortKeys WASM batch | key≠compare |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for (const [scheme, set] of [...pools].sort((x, y) => x[0] - y[0])) {
  const all = [...set].filter((v) => v !== '0').sort()
  const keyed = all.filter((v) => sortKey(scheme, v) !== undefined)
  if (keyed.length < 2) continue
  const [a, b] = makePairs(keyed, 0x5eed + scheme)
  const ka = a.map((v) => sortKey(scheme, v))
  const kb = b.map((v) => sortKey(scheme, v))
  const ref = referenceBackend.compareMany(scheme, a, b)
  let mismatches = 0
  for (let i = 0; i < PAIRS; i++) if (compareKeys(ka[i], kb[i]) !== ref[i]) mismatches++
  const out = new Int8Array(PAIRS)
  const t = measure(() => referenceBackend.compareMany(scheme, a, b))
  const w = measure(() => wasm.compareMany(scheme, a, b))
  const k = measure(() => {
    for (let i = 0; i < PAIRS; i++) out[i] = compareKeys(ka[i], kb[i])
  })
  const st = measure(() => {
    for (const v of keyed) sortKey(scheme, v)
  }, keyed.length)
  const sw = measure(() => wasmKeys.sortKeys(scheme, keyed), keyed.length)
  console.log(
    `| ${SCHEME_NAMES[scheme]} | ${all.length} | ${((keyed.length / all.length) * 100).toFixed(1)}% | ${fmt(t)} | ${fmt(w)} | ${fmt(k)} | ${(k / t).toFixed(1)}× | ${(k / w).toFixed(1)}× | ${fmt(st)} | ${fmt(sw)} | ${mismatches} |`,
  )
}
console.log('')
console.log('ops/s = compared pairs (or keyed versions) per second.')
