// WASM sort-key kernel A/B (issue #5): times only the core's `sortKeyBatch` call
// (assembly/keys/) for every dpkg / rpm / apk version the OSV records under
// ../shared/data/osv name (the installed versions of bench/match/wasm-run.mjs are drawn
// from the same records), and separately for every field of the scheme's test vector
// files under test/fixtures/versions (the OSV data hold only a few apk versions; the
// fields include invalid versions and words), with a baseline .wasm and the freshly
// built one in one process, alternating run by run, and checks that both write
// byte-identical keys (and the same "no key").
//
// Before changing assembly/keys/, keep the baseline:
//   npm run build:wasm && cp packages/version/wasm/stowaway-version.wasm bench/match/.cache/baseline.wasm
// then, after each change:
//   npm run build:wasm && node bench/versions/wasm-keys.mjs [--runs 31] [--warmup 20] [--baseline path.wasm] [--candidate path.wasm]
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { root, opt, osvVersionPools, version } from './support.mjs'

const RUNS = Number(opt('runs', 31))
const WARMUP = Number(opt('warmup', 20))
const baselinePath = resolve(opt('baseline', join(root, 'bench/match/.cache/baseline.wasm')))
const candidatePath = resolve(opt('candidate', join(root, 'packages/version/wasm/stowaway-version.wasm')))
if (!existsSync(baselinePath)) throw new Error(`Cannot run the A/B: no baseline at ${baselinePath} (see the header of this file)`)

const A = await version.instantiateCore(new Uint8Array(readFileSync(baselinePath)))
const B = await version.instantiateCore(new Uint8Array(readFileSync(candidatePath)))
const { pools } = osvVersionPools()
const VECTORS = {
  dpkg: ['guillemj__dpkg/cases.txt', 'google__osv-scalibr/semantic/testdata/debian-versions.txt'],
  rpm: ['rpm-software-management__rpm/cases.txt', 'google__osv-scalibr/semantic/testdata/redhat-versions.txt'],
  apk: ['alpinelinux__apk-tools/cases.txt', 'google__osv-scalibr/semantic/testdata/alpine-versions.txt'],
}
// Every field of every non-comment line, as packages/version/src/keys/sort-key.test.ts reads them.
function vectorFields(files) {
  const set = new Set()
  for (const f of files) {
    for (const line of readFileSync(join(root, 'test/fixtures/versions', f), 'utf8').split('\n')) {
      if (line.startsWith('#') || line.startsWith('//')) continue
      for (const field of line.includes('\t') ? line.split('\t') : line.split(' ')) if (field !== '') set.add(field)
    }
  }
  return [...set].sort()
}
const enc = new TextEncoder()

// The sortKeyBatch input: count + 1 u32 offsets, then the bytes.
function encode(list) {
  const parts = list.map((v) => enc.encode(v))
  const tableBytes = (parts.length + 1) * 4
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, tableBytes))
  const view = new DataView(out.buffer)
  let off = 0
  parts.forEach((bytes, i) => {
    view.setUint32(i * 4, off, true)
    out.set(bytes, tableBytes + off)
    off += bytes.length
  })
  view.setUint32(parts.length * 4, off, true)
  return out
}

// One timed call; the input is copied in before the clock starts. Returns ms and a copy
// of the lengths and keys written.
function runOnce(core, scheme, batch, count) {
  const base = core.inputBuffer(batch.length)
  new Uint8Array(core.memory.buffer, base, batch.length).set(batch)
  const t0 = performance.now()
  const out = core.sortKeyBatch(scheme, base, count)
  const ms = performance.now() - t0
  const lens = new Int32Array(core.memory.buffer, out, count)
  let total = 0
  for (const n of lens) if (n > 0) total += n
  return { ms, bytes: new Uint8Array(core.memory.buffer, out, count * 4 + total).slice() }
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
const same = (x, y) => x.length === y.length && x.every((b, k) => b === y[k])

console.log(`runs ${RUNS} (after ${WARMUP} warm-up), one run = one sortKeyBatch call over the scheme's versions`)
console.log('')
console.log('| scheme | pool | versions | keyed | baseline ms (median) | candidate ms (median) | ns/version before → after | speed-up | identical |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|')
let allSame = true
const rows = []
for (const name of ['dpkg', 'rpm', 'apk']) {
  const scheme = version.SCHEME_NAMES.indexOf(name)
  rows.push([name, scheme, 'osv', [...(pools.get(scheme) ?? [])].sort()])
  rows.push([name, scheme, 'vectors', vectorFields(VECTORS[name])])
}
// Every row warmed up before any is timed: V8 tiers a wasm function up in the
// background, so the first row timed would otherwise catch some calls before that.
const batches = rows.map(([, , , list]) => encode(list))
for (let i = 0; i < WARMUP; i++) rows.forEach(([, scheme, , list], r) => [A, B].forEach((c) => runOnce(c, scheme, batches[r], list.length)))
for (const [r, [name, scheme, pool, list]] of rows.entries()) {
  if (list.length === 0) continue
  const batch = batches[r]
  const msA = []
  const msB = []
  let identical = true
  let keyed = 0
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const order = i % 2 === 0 ? [A, B] : [B, A]
    const r = order.map((c) => runOnce(c, scheme, batch, list.length))
    const [ra, rb] = i % 2 === 0 ? r : [r[1], r[0]]
    if (!same(ra.bytes, rb.bytes)) identical = false
    if (i === 0) keyed = new Int32Array(ra.bytes.buffer, 0, list.length).filter((n) => n >= 0).length
    if (i >= WARMUP) {
      msA.push(ra.ms)
      msB.push(rb.ms)
    }
  }
  allSame &&= identical
  const a = median(msA)
  const b = median(msB)
  const ns = (ms) => ((ms * 1e6) / list.length).toFixed(0)
  console.log(`| ${name} | ${pool} | ${list.length} | ${keyed} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${ns(a)} → ${ns(b)} | ${(a / b).toFixed(2)}× | ${identical} |`)
}
console.log('')
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`)
if (!allSame) process.exitCode = 1
