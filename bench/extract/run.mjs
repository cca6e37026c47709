// Extract + catalog throughput over the Debian test image's gzip layers, beside
// `gzip -dc | tar -t` over the same layers, in the same run (median of --runs).
//
// Usage: node bench/extract/run.mjs [--runs 5] [--layers DIR] [--json out.json]
//   DIR defaults to $STOWAWAY_CACHE/debian-images/layers (build it with the tests or
//   ../shared/images/debian/build-images.sh). Also accepts --zstd to read the oci-zstd blobs.
import { spawnSync } from 'node:child_process'
import { createReadStream, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import { loadStages } from './bundle.mjs'

const args = process.argv.slice(2)
const opt = (n, d) => (args.indexOf(`--${n}`) >= 0 ? args[args.indexOf(`--${n}`) + 1] : d)
const RUNS = Number(opt('runs', 5))
const cache = process.env.STOWAWAY_CACHE ?? '/var/cache/stowaway'
const out = join(cache, 'debian-images')
const expected = JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8'))
const zstd = args.includes('--zstd')

let files
if (zstd) {
  const layout = join(out, 'oci-zstd')
  const blob = (d) => join(layout, 'blobs', 'sha256', d.slice(7))
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'))
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'))
  files = manifest.layers.map((l) => ({ path: blob(l.digest), mediaType: l.mediaType }))
} else {
  const dir = opt('layers', join(out, 'layers'))
  files = expected.layers.map((l) => ({ path: join(dir, `${l.layer}.tar.gz`), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }))
}
const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0)
const { extractFiles, catalogFiles, catalogRequest } = await loadStages()

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function pipe() {
  const list = files.map((f) => `'${f.path}'`).join(' ')
  const cmd = zstd ? `for f in ${list}; do zstd -dc "$f" | tar -t > /dev/null; done` : `for f in ${list}; do gzip -dc "$f" | tar -t > /dev/null; done`
  const t = process.hrtime.bigint()
  const r = spawnSync('bash', ['-c', cmd], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error('pipe failed')
  return Number(process.hrtime.bigint() - t) / 1e9
}

async function ours() {
  const t = process.hrtime.bigint()
  const layers = files.map((f, index) => ({
    descriptor: { digest: `sha256:${index}`, diffId: expected.layers[index].diff_id, mediaType: f.mediaType, size: statSync(f.path).size },
    index,
    body: Readable.toWeb(createReadStream(f.path, { highWaterMark: 256 * 1024 })),
  }))
  const tree = await extractFiles(layers, catalogRequest())
  const inv = await catalogFiles(tree)
  const s = Number(process.hrtime.bigint() - t) / 1e9
  return { s, packages: inv.packages.length }
}

await ours() // warm-up (JIT, file cache)
pipe()
const pipeTimes = []
const ourTimes = []
let packages = 0
for (let i = 0; i < RUNS; i++) {
  pipeTimes.push(pipe())
  const r = await ours()
  ourTimes.push(r.s)
  packages = r.packages
}
const p = median(pipeTimes)
const o = median(ourTimes)
const result = {
  compression: zstd ? 'zstd' : 'gzip',
  layers: files.length,
  compressedBytes: bytes,
  runs: RUNS,
  pipeSeconds: p,
  pipeMBps: bytes / p / 1e6,
  stowawaySeconds: o,
  stowawayMBps: bytes / o / 1e6,
  ratio: p / o,
  packages,
  node: process.version,
}
console.log(JSON.stringify(result, null, 2))
if (opt('json')) writeFileSync(opt('json'), JSON.stringify(result, null, 2) + '\n')
