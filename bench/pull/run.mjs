// Pull benchmark: throughput of pulling the Debian test image's layers from a loopback
// CNCF distribution registry with @stowaway/pull, beside `skopeo copy docker://… oci:…`
// of the same image in the same run; and peak RSS pulling a generated 1 GiB layer.
// Uses the built package: `npm run build -w packages/core -w packages/pull` first.
//
//   node bench/pull/run.mjs [--runs 7] [--big-mib 1024] [--big-runs 3] [--only debian|big] [--gc-sweep] [--json bench/results/pull.json]
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { exec, startRegistry } from './registry.mjs'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const args = process.argv.slice(2)
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d)
const RUNS = Number(opt('runs', 7))
const BIG_MIB = Number(opt('big-mib', 1024))
const BIG_RUNS = Number(opt('big-runs', 3))
const ONLY = opt('only', undefined)
const JSON_OUT = opt('json', undefined)
const cache = process.env.STOWAWAY_CACHE ?? '/var/cache/stowaway'
const image = join(cache, 'debian-images')
if (!existsSync(join(image, 'oci', 'index.json'))) {
  console.error(`Build the Debian image first (test/support/debian-image.ts or build-images.sh --out ${image} build)`)
  process.exit(2)
}
const pullOne = join(root, 'bench/pull/pull-one.mjs')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mibps = (bytes, s) => bytes / 1048576 / s

const load = () => loadavg().map((x) => Math.round(x * 100) / 100)
const skopeoVersion = execFileSync('skopeo', ['--version'], { encoding: 'utf8' }).trim()
const tmp = mkdtempSync(join(tmpdir(), 'stowaway-bench-pull-'))
const maxRss = (cmd, argv) => {
  const out = execFileSync('sh', ['-c', `/usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'`, 'sh', cmd, ...argv], { encoding: 'utf8', cwd: root })
  return Number(out.trim()) / 1024
}
const reg = await startRegistry()
const results = { date: new Date().toISOString(), node: process.version, skopeo: skopeoVersion, runs: RUNS, loadAverageAtStart: load() }
try {
  if (ONLY !== 'big') await debianImage()
  if (ONLY !== 'debian') await bigLayer()
  results.loadAverageAtEnd = load()
} finally {
  await reg.stop()
  rmSync(tmp, { recursive: true, force: true })
}

// The written blobs must be what their names say (sha256sum, not our own hashing).
function checkBlobs(dir) {
  const out = execFileSync('sh', ['-c', 'cd "$1" && for f in *; do echo "$f $(sha256sum < "$f" | cut -d" " -f1)"; done', 'sh', dir], { encoding: 'utf8' })
  for (const line of out.trim().split('\n')) {
    const [name, sum] = line.split(' ')
    if (name !== `sha256-${sum}`) throw new Error(`bench/pull: ${name} holds sha256 ${sum}`)
  }
}

async function debianImage() {
  await reg.push(`oci:${image}/oci:latest`, 'fixtures/debian-app:latest')
  const ref = `${reg.host}/fixtures/debian-app:latest`
  const layerBytes = JSON.parse(execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`], { encoding: 'utf8' })).layers.reduce((a, l) => a + l.size, 0)
  const rows = { skopeo: [], stowawayWrite: [], stowawayWriteInProcess: [], stowawayDiscard: [], stowawaySequential: [] }
  const rss = { skopeo: 0, stowawayWrite: 0 }
  // Where a discard run's time goes: Node start, import, pullImage(), the layers.
  const marks = []
  for (let r = 0; r < RUNS; r++) {
    // Alternate the order so neither side always gets the warmer page cache.
    const order = r % 2 ? ['ours', 'skopeo'] : ['skopeo', 'ours']
    for (const who of order) {
      const dest = join(tmp, `${who}-${r}`)
      if (who === 'skopeo') {
        const t0 = performance.now()
        await exec('skopeo', ['--insecure-policy', 'copy', '-q', '--src-tls-verify=false', `docker://${ref}`, `oci:${dest}:latest`])
        rows.skopeo.push((performance.now() - t0) / 1000)
      } else {
        const t0 = performance.now()
        const { stdout } = await exec('node', [pullOne, ref, '--out', dest], { cwd: root })
        rows.stowawayWrite.push((performance.now() - t0) / 1000)
        // pull-one's own clock: from pullImage() to the last byte written, without Node start-up and module loading.
        rows.stowawayWriteInProcess.push(JSON.parse(stdout).seconds)
        if (r === 0) checkBlobs(dest)
        const d0 = performance.now()
        const discard = await exec('node', [pullOne, ref, '--marks'], { cwd: root })
        rows.stowawayDiscard.push((performance.now() - d0) / 1000)
        marks.push(JSON.parse(discard.stdout).marksMs)
        const s0 = performance.now()
        await exec('node', [pullOne, ref, '--sequential'], { cwd: root })
        rows.stowawaySequential.push((performance.now() - s0) / 1000)
      }
      rmSync(dest, { recursive: true, force: true })
    }
  }
  rss.skopeo = maxRss('skopeo', ['--insecure-policy', 'copy', '-q', '--src-tls-verify=false', `docker://${ref}`, `oci:${join(tmp, 'rss-skopeo')}:latest`])
  rss.stowawayWrite = maxRss('node', [pullOne, ref, '--out', join(tmp, 'rss-ours')])
  results.debian = {
    ref: 'fixtures/debian-app:latest (3 gzip layers)',
    layerBytes,
    medianSeconds: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)])),
    allSeconds: rows,
    mibPerSecond: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, mibps(layerBytes, median(v))])),
    ratioVsSkopeo: median(rows.skopeo) / median(rows.stowawayWrite),
    discardMarksMedianMs: Object.fromEntries(Object.keys(marks[0]).map((k) => [k, median(marks.map((m) => m[k]))])),
    // Same-round pairs: skopeo's time / ours, so load that shifts during the run affects both.
    pairedRatios: rows.skopeo.map((t, i) => t / rows.stowawayWrite[i]),
    medianPairedRatio: median(rows.skopeo.map((t, i) => t / rows.stowawayWrite[i])),
    maxRssMiB: rss,
  }
  console.log(JSON.stringify(results.debian, null, 2))
}

async function bigLayer() {
  // ---- 1 GiB layer: peak RSS ----
  const big = join(tmp, 'big')
  mkdirSync(join(big, 'blobs', 'sha256'), { recursive: true })
  const payload = join(tmp, 'payload.bin')
  execFileSync('sh', ['-c', `head -c ${BIG_MIB}M /dev/urandom > '${payload}' && tar -C '${tmp}' -cf '${big}/layer.tar' payload.bin && rm '${payload}'`])
  const sha = await new Promise((res, rej) => {
    const h = createHash('sha256')
    createReadStream(`${big}/layer.tar`).on('data', (c) => h.update(c)).on('end', () => res(h.digest('hex'))).on('error', rej)
  })
  const layerSize = statSync(`${big}/layer.tar`).size
  execFileSync('mv', [`${big}/layer.tar`, `${big}/blobs/sha256/${sha}`])
  const put = (obj) => {
    const b = Buffer.from(JSON.stringify(obj))
    const d = createHash('sha256').update(b).digest('hex')
    writeFileSync(`${big}/blobs/sha256/${d}`, b)
    return { digest: `sha256:${d}`, size: b.length }
  }
  const cfg = put({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${sha}`] }, config: {} })
  const man = put({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${sha}`, size: layerSize }],
  })
  writeFileSync(`${big}/oci-layout`, '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(
    `${big}/index.json`,
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...man, annotations: { 'org.opencontainers.image.ref.name': 'big' } }] }),
  )
  await reg.push(`oci:${big}:big`, 'bench/big:latest')
  rmSync(big, { recursive: true, force: true })
  const bigRef = `${reg.host}/bench/big:latest`
  // Each run: our discard, our write and skopeo's write, whole processes under /usr/bin/time -v.
  const runs = { discard: [], write: [], skopeo: [] }
  for (let r = 0; r < BIG_RUNS; r++) {
    const b0 = performance.now()
    const discardRss = maxRss('node', [pullOne, bigRef])
    runs.discard.push({ seconds: (performance.now() - b0) / 1000, maxRssMiB: discardRss })
    const w0 = performance.now()
    const writeRss = maxRss('node', [pullOne, bigRef, '--out', join(tmp, 'big-ours')])
    runs.write.push({ seconds: (performance.now() - w0) / 1000, maxRssMiB: writeRss })
    rmSync(join(tmp, 'big-ours'), { recursive: true, force: true })
    const k0 = performance.now()
    const skopeoRss = maxRss('skopeo', ['--insecure-policy', 'copy', '-q', '--src-tls-verify=false', `docker://${bigRef}`, `oci:${join(tmp, 'big-skopeo')}:latest`])
    runs.skopeo.push({ seconds: (performance.now() - k0) / 1000, maxRssMiB: skopeoRss })
    rmSync(join(tmp, 'big-skopeo'), { recursive: true, force: true })
  }
  // --gc-sweep: peak RSS of our 1 GiB write at several young-generation GC intervals.
  if (process.argv.includes('--gc-sweep')) {
    runs.gcSweep = {}
    for (const every of [4, 8, 16, 0]) {
      runs.gcSweep[every ? `${every} MiB` : 'off'] = maxRss('node', [pullOne, bigRef, '--out', join(tmp, 'big-gc'), '--collect-every', String(every * 1024 * 1024)])
      rmSync(join(tmp, 'big-gc'), { recursive: true, force: true })
    }
  }
  const summary = (xs) => ({
    seconds: median(xs.map((x) => x.seconds)),
    mibPerSecond: mibps(layerSize, median(xs.map((x) => x.seconds))),
    maxRssMiB: Math.max(...xs.map((x) => x.maxRssMiB)),
    allSeconds: xs.map((x) => x.seconds),
    allMaxRssMiB: xs.map((x) => x.maxRssMiB),
  })
  results.bigLayer = {
    layerBytes: layerSize,
    discard: summary(runs.discard),
    write: summary(runs.write),
    skopeo: summary(runs.skopeo),
    ratioVsSkopeo: median(runs.skopeo.map((x) => x.seconds)) / median(runs.write.map((x) => x.seconds)),
    ...(runs.gcSweep ? { writeMaxRssMiBByGcInterval: runs.gcSweep } : {}),
  }
  console.log(JSON.stringify(results.bigLayer, null, 2))
}
console.log(`load average at start ${results.loadAverageAtStart.join(' ')}, at end ${results.loadAverageAtEnd?.join(' ')}`)
if (JSON_OUT) {
  mkdirSync(resolve(root, JSON_OUT, '..'), { recursive: true })
  writeFileSync(resolve(root, JSON_OUT), JSON.stringify(results, null, 2) + '\n')
}
