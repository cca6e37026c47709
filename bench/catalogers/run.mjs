// Catalogers benchmark (rpm in its three database formats, Java archives, Go build
// info, npm lockfiles, CPE candidates) on the shared fixtures. Bundles the sbom sources
// with esbuild into .cache/ first, so no build step is needed.
//
// Usage: node bench/catalogers/run.mjs [--json out.json]
//        /usr/bin/time -v node bench/catalogers/run.mjs --only rpm-sqlite --once   (peak RSS of one run)
//        --only java-bomb adds a jar whose nested member declares 100 MiB and inflates to 1 GiB
import { build } from 'esbuild'
import Benchmark from 'benchmark'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const shared = process.env.STOWAWAY_SHARED ?? join(root, '..', 'shared')
const pkgdb = join(shared, 'data', 'pkgdb')
const args = process.argv.slice(2)
const opt = (n) => (args.indexOf(`--${n}`) >= 0 ? args[args.indexOf(`--${n}`) + 1] : undefined)

// Inside the repo (git-ignored .cache/) so the bundle resolves yaml and smol-toml from node_modules.
mkdirSync(join(root, '.cache'), { recursive: true })
const out = mkdtempSync(join(root, '.cache', 'bench-'))
await build({
  entryPoints: [join(root, 'packages/sbom/src/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: join(out, 'sbom.mjs'),
  external: ['yaml', 'smol-toml'],
  alias: Object.fromEntries(['core', 'extract'].map((p) => [`@stowaway/${p}`, join(root, `packages/${p}/src/index.ts`)])),
  logLevel: 'error',
})
const sbom = await import(pathToFileURL(join(out, 'sbom.mjs')).href)
rmSync(out, { recursive: true, force: true })

const read = (rel) => new Uint8Array(readFileSync(join(pkgdb, rel)))
const file = (path, bytes, mode = 0o755) => ({ path, bytes, size: bytes.length, mode, layer: 'sha256:x', layerIndex: 0 })
// A FileTree of one file, enough for the catalogers (no dependency on extract's dist).
const tree1 = (f) => ({ get: (p) => (p === f.path ? f : undefined), paths: () => [f.path], glob: (g) => [f.path].filter((p) => new RegExp('^' + g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*') + '$').test(p)), warnings: [] })
const run = async (cataloger, f) => cataloger.catalog({ tree: tree1(f), warn: () => {} })

const cases = {
  'rpm-sqlite': { bytes: read('knqyf263__go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite'), fn: (b) => run(sbom.rpmCataloger, file('var/lib/rpm/rpmdb.sqlite', b)) },
  'rpm-ndb': { bytes: read('knqyf263__go-rpmdb/pkg/testdata/sle15-bci/Packages.db'), fn: (b) => run(sbom.rpmCataloger, file('usr/lib/sysimage/rpm/Packages.db', b)) },
  'rpm-bdb': { bytes: read('knqyf263__go-rpmdb/pkg/testdata/libuuid/Packages'), fn: (b) => run(sbom.rpmCataloger, file('var/lib/rpm/Packages', b)) },
  'java-war': { bytes: read('aquasecurity__trivy/pkg/dependency/parser/java/jar/testdata/maven.war'), fn: (b) => sbom.catalogJavaArchive(b, { path: 'app.war' }, { warn: () => {} }) },
  'go-elf': { bytes: read('aquasecurity__trivy/pkg/dependency/parser/golang/binary/testdata/test.elf'), fn: (b) => run(sbom.goBinaryCataloger, file('usr/local/bin/test', b)) },
  'npm-lock-v3': { bytes: read('aquasecurity__trivy/pkg/dependency/parser/nodejs/npm/testdata/package-lock_v3.json'), fn: (b) => sbom.parsePackageLock({ path: 'package-lock.json', bytes: b }) },
}

// A jar whose nested "lib/bomb.jar" declares 100 MiB but inflates to 1 GiB of zeros:
// built by streaming so that the generator itself stays small.
async function bombJar() {
  const { createDeflateRaw } = await import('node:zlib')
  const z = createDeflateRaw({ level: 9 })
  const parts = []
  z.on('data', (c) => parts.push(c))
  const done = new Promise((r) => z.on('end', r))
  const chunk = Buffer.alloc(1 << 20)
  for (let i = 0; i < 1024; i++) if (!z.write(chunk)) await new Promise((r) => z.once('drain', r))
  z.end()
  await done
  const body = Buffer.concat(parts)
  const name = Buffer.from('lib/bomb.jar')
  const lh = Buffer.alloc(30 + name.length)
  lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(8, 8); lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(100 << 20, 22); lh.writeUInt16LE(name.length, 26); name.copy(lh, 30)
  const ch = Buffer.alloc(46 + name.length)
  ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(8, 10); ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(100 << 20, 24); ch.writeUInt16LE(name.length, 28); name.copy(ch, 46)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10); end.writeUInt32LE(ch.length, 12); end.writeUInt32LE(lh.length + body.length, 16)
  return new Uint8Array(Buffer.concat([lh, body, ch, end]))
}
if (opt('only') === 'java-bomb') {
  cases['java-bomb'] = { bytes: await bombJar(), fn: (b) => sbom.catalogJavaArchive(b, { path: 'bomb.jar' }, { warn: () => {} }) }
}

const only = opt('only')
if (args.includes('--once')) {
  // Whole-process measurement: one catalog run, then exit (use with /usr/bin/time -v).
  for (const [name, c] of Object.entries(cases)) {
    if (only && name !== only) continue
    const t = performance.now()
    const n = (await c.fn(c.bytes)).length
    console.log(`${name} once: ${n} pkgs in ${(performance.now() - t).toFixed(1)} ms`)
  }
  process.exit(0)
}
const results = []
for (const [name, c] of Object.entries(cases)) {
  if (only && name !== only) continue
  const pkgs = (await c.fn(c.bytes)).length
  await new Promise((done) => {
    new Benchmark(name, { defer: true, fn: (d) => Promise.resolve(c.fn(c.bytes)).then(() => d.resolve()), minSamples: 20 })
      .on('complete', (e) => {
        const hz = e.target.hz
        const r = { name, bytes: c.bytes.length, packages: pkgs, opsPerSec: hz, mbPerSec: (hz * c.bytes.length) / 1e6, pkgsPerSec: hz * pkgs, rme: e.target.stats.rme }
        results.push(r)
        console.log(`${name.padEnd(12)} ${String(c.bytes.length).padStart(9)} B ${String(pkgs).padStart(4)} pkgs  ${hz.toFixed(1).padStart(8)} ops/s  ${r.mbPerSec.toFixed(1).padStart(7)} MB/s  ${(r.pkgsPerSec / 1000).toFixed(1).padStart(8)} k pkgs/s  ±${r.rme.toFixed(1)}%`)
        done()
      })
      .run()
  })
}
if (!only) {
  // CPE candidates for every package the fixtures above give, many times over.
  const all = []
  for (const c of Object.values(cases)) all.push(...(await c.fn(c.bytes)))
  const bench = new Benchmark('cpe', () => { for (const p of all) sbom.cpeCandidates(p) }, { minSamples: 20 })
  bench.run()
  const r = { name: 'cpe-candidates', packages: all.length, pkgsPerSec: bench.hz * all.length, rme: bench.stats.rme }
  results.push(r)
  console.log(`cpe-candidates ${all.length} pkgs  ${(r.pkgsPerSec / 1e6).toFixed(2)} M pkgs/s  ±${r.rme.toFixed(1)}%`)
}
const json = opt('json')
if (json) writeFileSync(json, JSON.stringify({ node: process.version, results }, null, 2) + '\n')
