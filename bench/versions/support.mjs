// Shared by the version benches: options, the built package and WASM core, seeded
// pairs, benchmark.js timing, and the pre-encoded batch for kernel-only runs.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Benchmark from 'benchmark'
import YAML from 'yaml'

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const shared = process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared')

const args = process.argv.slice(2)
/** Value of `--name` on the command line, or the default. */
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
export const PAIRS = Number(opt('pairs', 120000))
export const SECONDS = Number(opt('seconds', 2))

/** The built @stowaway/version (run `npm run build:wasm && npm run build -w packages/version` first). */
export const version = await import(join(root, 'packages/version/dist/index.node.js'))
export const wasmBytes = readFileSync(join(root, 'packages/version/wasm/stowaway-version.wasm'))
export const core = await version.instantiateCore(new Uint8Array(wasmBytes))
export const wasm = version.createWasmBackend(core)

/** mulberry32: seeded so every run draws the same pairs. */
export function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` random pairs drawn from `pool` with a fixed seed. */
export function makePairs(pool, seed, count = PAIRS) {
  const r = rng(seed)
  const pick = () => pool[Math.floor(r() * pool.length)]
  const a = Array.from({ length: count }, pick)
  const b = Array.from({ length: count }, pick)
  return [a, b]
}

/**
 * The TS reference and the WASM backend on the same pairs: both code arrays, how many
 * pairs they disagree on (must be 0) and how many the reference calls invalid.
 */
export function crossCheck(scheme, a, b) {
  const ref = version.referenceBackend.compareMany(scheme, a, b)
  const got = wasm.compareMany(scheme, a, b)
  let mismatches = 0
  let invalid = 0
  for (let i = 0; i < a.length; i++) {
    if (ref[i] !== got[i]) mismatches++
    if (ref[i] === 2 || ref[i] === 3) invalid++
  }
  return { ref, got, mismatches, invalid }
}

/** benchmark.js timing (mean rate); one operation processes `items` items. Returns items per second. */
export function measure(fn, items = PAIRS) {
  const bench = new Benchmark(fn, { maxTime: SECONDS, minSamples: 5 })
  bench.run()
  if (bench.error) throw bench.error
  return bench.hz * items
}

/** The compareBatch input (docs/architecture.md, "WASM ABI"), encoded once. */
export function encodeBatch(a, b) {
  const list = []
  for (let i = 0; i < a.length; i++) list.push(a[i], b[i])
  return encodeStrings(list)
}

/** Strings as the core's batch calls take them: `count + 1` u32 offsets, then the UTF-8 bytes. */
export function encodeStrings(list) {
  const enc = new TextEncoder()
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

/** Kernel only: a pre-encoded batch copied into WASM memory and one compareBatch call; returns the output pointer. */
export function kernel(scheme, batch, n) {
  const base = core.inputBuffer(batch.length)
  new Uint8Array(core.memory.buffer, base, batch.length).set(batch)
  return core.compareBatch(scheme, n)
}

/** `1.23 M` / `456 k` for a rate. */
export const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(0)} k`)

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* walk(p)
    else if (/\.(json|ya?ml)$/.test(name)) yield p
  }
}

/**
 * Every version the OSV JSON/YAML records under shared/data/osv name (range events
 * other than GIT, and versions[]), grouped by scheme id; `records` counts the records read.
 */
export function osvVersionPools() {
  const pools = new Map() // scheme -> Set<string>
  let records = 0
  for (const file of walk(join(shared, 'data', 'osv'))) {
    let doc
    try {
      const text = readFileSync(file, 'utf8')
      doc = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text)
    } catch {
      continue
    }
    if (!doc || typeof doc !== 'object' || !Array.isArray(doc.affected)) continue
    records++
    for (const aff of doc.affected) {
      const eco = aff?.package?.ecosystem
      if (typeof eco !== 'string') continue
      const scheme = version.findSchemeForEcosystem(eco)
      if (scheme === undefined) continue
      let set = pools.get(scheme)
      if (!set) pools.set(scheme, (set = new Set()))
      for (const r of aff.ranges ?? []) {
        if (r?.type === 'GIT') continue
        for (const ev of r?.events ?? []) {
          for (const k of ['introduced', 'fixed', 'last_affected', 'limit']) {
            if (typeof ev?.[k] === 'string') set.add(ev[k])
          }
        }
      }
      for (const v of aff.versions ?? []) if (typeof v === 'string') set.add(v)
    }
  }
  return { pools, records }
}
