// RubyGems compare benchmark: WASM bulk vs the TypeScript reference on pairs of the
// versions named in ruby-advisory-db (../shared/data/osv/rubysec__ruby-advisory-db,
// YAML requirement lists, which run.mjs does not read because they are not OSV JSON).
// Also times PEP 440 specifier matching (satisfies) on both backends.
// Imports the built package: run `npm run build:wasm && npm run build -w packages/version` first.
//
// Usage: node bench/versions/rubygems.mjs [--pairs 120000] [--seconds 2]
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { shared, PAIRS, version, wasm, rng, measure, fmt } from './support.mjs'

const { referenceBackend, Scheme, satisfies } = version


const db = join(shared, 'data/osv/rubysec__ruby-advisory-db/gems')

// Every version written in a patched/unaffected requirement.
const pool = new Set()
for (const gem of readdirSync(db)) {
  for (const f of readdirSync(join(db, gem))) {
    if (!f.endsWith('.yml')) continue
    for (const m of readFileSync(join(db, gem, f), 'utf8').matchAll(/(?:~>|>=|<=|!=|=|>|<)\s*([0-9][0-9A-Za-z.-]*)/g)) pool.add(m[1])
  }
}
const versions = [...pool].sort()

const r = rng(0x5eed + Scheme.RubyGems)
const a = Array.from({ length: PAIRS }, () => versions[Math.floor(r() * versions.length)])
const b = Array.from({ length: PAIRS }, () => versions[Math.floor(r() * versions.length)])


const ref = referenceBackend.compareMany(Scheme.RubyGems, a, b)
const got = wasm.compareMany(Scheme.RubyGems, a, b)
let mismatches = 0
for (let i = 0; i < PAIRS; i++) if (ref[i] !== got[i]) mismatches++
const w = measure(() => wasm.compareMany(Scheme.RubyGems, a, b), PAIRS)
const t = measure(() => referenceBackend.compareMany(Scheme.RubyGems, a, b), PAIRS)

// satisfies(): one specifier set, many candidate versions (parse once per call, as the API does).
const SPEC = '>=1.0,!=1.3.*,<2.1'
const cands = Array.from({ length: 20000 }, (_, i) => `${1 + (i % 3)}.${i % 7}.${i % 11}${i % 5 === 0 ? 'rc1' : ''}`)
const sw = measure(() => cands.forEach((v) => satisfies('PyPI', v, SPEC, { backend: wasm })), cands.length)
const st = measure(() => cands.forEach((v) => satisfies('PyPI', v, SPEC, { backend: referenceBackend })), cands.length)

console.log(`| rubygems compare | ${versions.length} distinct | ${fmt(w)} WASM bulk | ${fmt(t)} TS | ${(w / t).toFixed(1)}× | TS≠WASM ${mismatches} |`)
console.log(`| pep440 satisfies('${SPEC}') | ${cands.length} candidates | ${fmt(sw)} WASM | ${fmt(st)} TS | ${(sw / st).toFixed(1)}× | |`)
