// purl → match target: purls/s of purlToTarget against the regex version it replaced
// (frozen in legacy-purl.mjs), over the purls of the generated 5 000-component SBOM
// (the sbom figures of bench/match/run.mjs) and over every purl in the staged SBOMs of
// ../shared/data/sboms; plus bytes allocated per purl (one pass between two forced GCs).
// Checks both give the same answers first.
// Imports the built package: run `npm run build -w packages/match` first.
//
// Usage: node --expose-gc bench/match/purl.mjs [--seconds 2] [--json out.json]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { PerformanceObserver } from 'node:perf_hooks'
import Benchmark from 'benchmark'
import { generateSbom } from '../browser/generate-sbom.mjs'
import { legacyPurlToTarget } from './legacy-purl.mjs'
import { sbomPurls } from './purl-corpus.mjs'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const { purlToTarget, distroEcosystem } = await import(join(root, 'packages/match/dist/index.js'))
const legacy = legacyPurlToTarget(distroEcosystem)

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const SECONDS = Number(opt('seconds', 2))
const shared = process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared')
const data = join(shared, 'data')


// The generated SBOM goes through JSON text as in bench/match/run.mjs, so its purls are
// flat strings from JSON.parse (the template literals that built them are rope strings,
// slower to index).
const staged = sbomPurls(join(data, 'sboms'))
const sets = {
  'generated SBOM (5 000: npm, Go, PyPI)': JSON.parse(JSON.stringify(generateSbom(5000, data))).components.flatMap((c) => (c.purl ? [c.purl] : [])),
  'staged SBOMs (all purls, deduplicated)': staged,
  'staged SBOMs, OS packages only (deb, rpm, apk)': staged.filter((p) => /^pkg:(deb|rpm|apk)\//.test(p)),
}

// Same answers (and key order) before timing anything.
for (const [label, purls] of Object.entries(sets)) {
  let bad = 0
  for (const p of purls) {
    const a = purlToTarget(p)
    const b = legacy(p)
    if (!isDeepStrictEqual(a, b) || (a && Object.keys(a).join() !== Object.keys(b).join())) bad++
  }
  if (bad) throw new Error(`Cannot benchmark: ${bad} of ${purls.length} purls of "${label}" differ from the legacy reader`)
}

let sink = 0
const pass = (fn, purls) => {
  let n = 0
  for (let i = 0; i < purls.length; i++) if (fn(purls[i])?.ecosystem) n++
  return n
}

/** Bytes allocated by one pass over `purls`: heap growth between forced GCs, taken from runs no scavenge interrupted. */
function bytesPerPurl(fn, purls) {
  if (typeof gc !== 'function') return undefined
  let scavenged = false
  const obs = new PerformanceObserver(() => (scavenged = true))
  obs.observe({ entryTypes: ['gc'] })
  let best = Infinity
  for (let k = 0; k < 20; k++) {
    gc()
    scavenged = false
    const before = process.memoryUsage().heapUsed
    const keep = purls.map(fn)
    const after = process.memoryUsage().heapUsed
    // The results array itself (8 bytes a slot) is the bench's, not the reader's.
    if (!scavenged) best = Math.min(best, (after - before - keep.length * 8) / purls.length)
  }
  obs.disconnect()
  return Number.isFinite(best) ? Math.round(best) : undefined
}

const results = []
for (const [label, purls] of Object.entries(sets)) {
  const row = { set: label, purls: purls.length }
  for (const [name, fn] of [
    ['new', purlToTarget],
    ['legacy', legacy],
  ]) {
    for (let w = 0; w < 50; w++) sink += pass(fn, purls)
    const b = new Benchmark(name, () => (sink += pass(fn, purls)), { maxTime: SECONDS, minSamples: 10 })
    b.run()
    row[name] = { purlsPerSec: b.hz * purls.length, nsPerPurl: 1e9 / (b.hz * purls.length), rme: b.stats.rme, bytesPerPurl: bytesPerPurl(fn, purls) }
  }
  row.ratio = row.new.purlsPerSec / row.legacy.purlsPerSec
  results.push(row)
}

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(0)} k`)
console.log(`Node ${process.version}, ${SECONDS}s per case${typeof gc === 'function' ? '' : ' (run with --expose-gc for bytes/purl)'}`)
console.log('| purls | count | new purls/s (ns/purl) | legacy purls/s (ns/purl) | new/legacy | bytes/purl new | bytes/purl legacy |')
console.log('|---|---:|---:|---:|---:|---:|---:|')
for (const r of results) {
  console.log(
    `| ${r.set} | ${r.purls} | ${fmt(r.new.purlsPerSec)} (${r.new.nsPerPurl.toFixed(0)} ±${r.new.rme.toFixed(1)}%) | ${fmt(r.legacy.purlsPerSec)} (${r.legacy.nsPerPurl.toFixed(0)} ±${r.legacy.rme.toFixed(1)}%) | ${r.ratio.toFixed(1)}× | ${r.new.bytesPerPurl ?? '–'} | ${r.legacy.bytesPerPurl ?? '–'} |`,
  )
}
if (sink < 0) console.log(sink)
const json = opt('json')
if (json) writeFileSync(json, JSON.stringify(results, null, 2))
