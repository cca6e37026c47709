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
//   npm run build:wasm && node bench/versions/wasm-keys.mjs [--runs 31] [--warmup 20] [--mutants 50000] [--baseline path.wasm] [--candidate path.wasm]
// Before timing, --mutants random edits of the pooled versions per scheme (the characters
// the schemes treat specially, blanks, NUL, non-ASCII, long digit runs) must get the same
// keys from both cores, also through sortKey with output areas too small for a key.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { root, opt, osvVersionPools, version, encodeStrings } from './support.mjs'

const RUNS = Number(opt('runs', 31))
const MUTANTS = Number(opt('mutants', 50000))
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

// The sortKeyBatch input: support.mjs's encodeStrings.
const encode = encodeStrings

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

// The same key (or none) from both cores for `count` edits of the pool's versions; a
// tenth of them also through sortKey with a random, often too small, output area.
function mutantCheck(scheme, pool, count) {
  let seed = 0x5eed + scheme
  const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
  const pick = (a) => a[Math.floor(r() * a.length)]
  const bits = ['0', '1', '9', '00', '.', '-', ':', '+', '~', '^', '_', 'a', 'Z', 'r', 'p', 'rc', '_p', '-r', ' ', '\t', '\n', '\0', '\x7f', 'é', '7'.repeat(70), '1'.repeat(300), '2147483648', '12345678901234567890']
  const list = []
  for (let i = 0; i < count; i++) {
    let v = pick(pool)
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      const at = Math.floor(r() * (v.length + 1))
      const op = r()
      v = op < 0.5 ? v.slice(0, at) + pick(bits) + v.slice(at) : op < 0.75 ? v.slice(0, at) + v.slice(at + 1) : v.slice(0, at) + pick(bits) + v.slice(at + 1)
    }
    list.push(v)
  }
  const batch = encode(list)
  const [a, b] = [A, B].map((c) => runOnce(c, scheme, batch, list.length).bytes)
  let bad = same(a, b) ? 0 : 1
  const keyed = new Int32Array(a.buffer, 0, list.length).filter((n) => n >= 0).length
  for (const v of list.slice(0, count / 10)) {
    const bytes = enc.encode(v)
    const cap = Math.floor(r() * 3 * (bytes.length + 4))
    const [x, y] = [A, B].map((c) => {
      const base = c.inputBuffer(bytes.length + cap)
      new Uint8Array(c.memory.buffer, base, bytes.length).set(bytes)
      const n = c.sortKey(scheme, base, bytes.length, base + bytes.length, cap)
      return n < 0 ? 'none' : Array.from(new Uint8Array(c.memory.buffer, base + bytes.length, n)).join(',')
    })
    if (x !== y) bad++
  }
  return { bad, keyed }
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
const same = (x, y) => x.length === y.length && x.every((b, k) => b === y[k])

const rows = []
for (const name of ['dpkg', 'rpm', 'apk']) {
  const scheme = version.SCHEME_NAMES.indexOf(name)
  rows.push([name, scheme, 'osv', [...(pools.get(scheme) ?? [])].sort()])
  rows.push([name, scheme, 'vectors', vectorFields(VECTORS[name])])
}
let allSame = true
for (const name of ['dpkg', 'rpm', 'apk']) {
  if (MUTANTS <= 0) break
  const scheme = version.SCHEME_NAMES.indexOf(name)
  const pool = rows.filter((x) => x[1] === scheme).flatMap((x) => x[3])
  const { bad, keyed } = mutantCheck(scheme, pool, MUTANTS)
  console.log(`${name}: ${MUTANTS} edited versions (${keyed} keyed), ${bad === 0 ? 'identical keys and "no key"s' : `${bad} DIFFERENCES`}`)
  if (bad) allSame = false
}
console.log('')

console.log(`runs ${RUNS} (after ${WARMUP} warm-up), one run = one sortKeyBatch call over the scheme's versions`)
console.log('')
console.log('| scheme | pool | versions | keyed | baseline ms (median) | candidate ms (median) | ns/version before → after | speed-up | identical |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|')
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
