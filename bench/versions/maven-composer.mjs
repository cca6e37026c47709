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
import { join } from 'node:path'
import { root, shared, PAIRS, version, core, wasm, makePairs, crossCheck, measure, encodeBatch, fmt } from './support.mjs'

const { referenceBackend, Scheme, satisfies } = version



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





const fmtRate = (n) => `${fmt(n)}/s`

for (const [name, scheme, set] of [
  ['maven', Scheme.Maven, mavenPool],
  ['composer', Scheme.Composer, composerPool],
]) {
  const pool = [...set].sort()
  const [a, b] = makePairs(pool, 0x5eed + scheme)
  const { mismatches, invalid } = crossCheck(scheme, a, b)
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
    `| ${name} compare | ${pool.length} distinct (${((invalid / PAIRS) * 100).toFixed(1)} % invalid pairs) | ${fmtRate(w)} | ${fmtRate(k)} | ${fmtRate(t)} | ${(w / t).toFixed(1)}× | ${(k / t).toFixed(1)}× | ${mismatches} |`,
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
  console.log(`| ${eco} satisfies('${range}') | ${cands.length} candidates | ${fmtRate(sw)} | — | ${fmtRate(st)} | ${(sw / st).toFixed(1)}× | — | — |`)
}
console.log(`(${constraints.length} FriendsOfPHP branch constraints read)`)
