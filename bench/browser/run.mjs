// Browser bench: in Debian's Chromium (playwright-core), time from the file input's
// change (the "drop") to the rendered results for 1 000 and 10 000 components, cold
// (fresh profile: shards downloaded) and warm (same profile: shards from the Cache API),
// with the DB shard bytes the page transferred and the main thread's longest task; plus
// the page's bundle sizes gzipped. Whole-process: `stowaway serve-ui` runs as a child.
//
//   npm run build && node bench/browser/run.mjs [--runs 3]
//
// Needs ../shared (or $STOWAWAY_SHARED) for the advisory feeds and package names.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SHARD_FORMAT } from '@stowaway/match'
import { chromium } from 'playwright-core'
import { generateSbom } from './generate-sbom.mjs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const shared = process.env.STOWAWAY_SHARED ?? resolve(repo, '../shared')
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3
const cli = join(repo, 'packages/stowaway/bin/stowaway.js')
const work = join(repo, '.cache/bench-browser')
const SOURCES = ['github__advisory-database', 'nodejs__security-wg', 'pypa__advisory-database', 'golang__vulndb', 'alpinelinux__alpine-secdb']

mkdirSync(work, { recursive: true })
const db = join(work, 'db')
// The DB is reused between runs only while the shard format it was built with is the
// one this checkout reads (a stale DB would fail in the page, not measure it).
const stamp = join(work, 'db.shard-format')
if (!existsSync(join(db, 'manifest.json')) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== String(SHARD_FORMAT)) {
  rmSync(db, { recursive: true, force: true })
  execFileSync(process.execPath, [cli, 'db', 'build', ...SOURCES.flatMap((s) => ['--from', join(shared, 'data/osv', s)]), '--out', db], { stdio: 'inherit' })
  writeFileSync(stamp, String(SHARD_FORMAT))
}
const files = {}
for (const n of [1000, 10000]) {
  files[n] = join(work, `generated-${n}.cdx.json`)
  writeFileSync(files[n], JSON.stringify(generateSbom(n, join(shared, 'data'))))
}

const server = spawn(process.execPath, [cli, 'serve-ui', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise((ok, fail) => {
  let out = ''
  server.stdout.on('data', (d) => {
    out += d
    const m = /at (http:\/\/\S+\/)/.exec(out)
    if (m) ok(m[1])
  })
  server.on('exit', (c) => fail(new Error(`serve-ui exited with ${c}`)))
})

async function measure(context, file) {
  const page = await context.newPage()
  await page.addInitScript(() => {
    window.__longTasks = []
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longTasks.push(e.duration)
    }).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(url)
  const t0 = performance.now()
  await page.setInputFiles('#file', file)
  await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', undefined, { timeout: 300_000, polling: 10 })
  const ms = performance.now() - t0
  if ((await page.evaluate(() => document.body.dataset.state)) !== 'done') throw new Error(await page.locator('#error').textContent())
  const shards = await page.locator('#shards li').allTextContents()
  const bytes = shards.filter((s) => !s.includes('from cache')).reduce((a, s) => a + Number(/: (\d+) bytes/.exec(s)[1]), 0)
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)))
  const summary = await page.locator('#summary-line').textContent()
  const stages = /\((read .*)\)\.$/.exec(await page.locator('#status-text').textContent())?.[1] ?? ''
  await page.close()
  return { ms, shardFiles: shards.length, shardBytes: bytes, longest, summary, stages }
}

const launch = (profile) =>
  chromium.launchPersistentContext(profile, {
    executablePath: process.env.STOWAWAY_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })

const results = []
try {
  for (const n of [1000, 10000]) {
    const cold = []
    const warm = []
    for (let i = 0; i < runs; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'stowaway-bench-'))
      const ctx = await launch(profile)
      try {
        cold.push(await measure(ctx, files[n]))
        warm.push(await measure(ctx, files[n]))
      } finally {
        await ctx.close()
        rmSync(profile, { recursive: true, force: true })
      }
    }
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
    results.push({
      components: n,
      summary: cold[0].summary,
      workerStagesMs: { cold: cold[0].stages, warm: warm[0].stages },
      coldMs: med(cold.map((r) => r.ms)),
      warmMs: med(warm.map((r) => r.ms)),
      shardFiles: cold[0].shardFiles,
      shardBytesCold: cold[0].shardBytes,
      shardBytesWarm: warm[0].shardBytes,
      longestTaskMs: Math.max(...cold.map((r) => r.longest), ...warm.map((r) => r.longest)),
    })
  }
} finally {
  server.kill('SIGTERM')
}

const sizes = JSON.parse(readFileSync(join(repo, 'packages/web/dist/sizes.json'), 'utf8'))
const gz = (f) => sizes[f]?.gzip ?? 0
const core = gz('worker.js') + gz('stowaway-version.wasm')
const total = Object.values(sizes).reduce((a, s) => a + s.gzip, 0)
const chromeVersion = execFileSync(process.env.STOWAWAY_CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim()
const report = { date: new Date().toISOString(), chromium: chromeVersion, node: process.version, runs, results, sizes, coreGzip: core, totalGzip: total }
mkdirSync(join(repo, 'bench/results'), { recursive: true })
writeFileSync(join(repo, 'bench/results/browser.json'), JSON.stringify(report, null, 1) + '\n')

console.log(`${chromeVersion}, Node ${process.version}, median of ${runs} runs`)
console.log('| components | result | drop → results, cold | warm (cached shards) | shards | shard bytes cold / warm | longest main-thread task |')
console.log('|---:|---|---:|---:|---:|---:|---:|')
for (const r of results) {
  console.log(`| ${r.components} | ${r.summary.replace(/^[^:]*: /, '')} | ${r.coldMs.toFixed(0)} ms | ${r.warmMs.toFixed(0)} ms | ${r.shardFiles} | ${r.shardBytesCold} / ${r.shardBytesWarm} | ${r.longestTaskMs.toFixed(0)} ms |`)
}
for (const r of results) console.log(`worker stages, ${r.components} components (ms): cold ${r.workerStagesMs.cold}; warm ${r.workerStagesMs.warm}`)
console.log('\n| file | bytes | gzip -9 |\n|---|---:|---:|')
for (const [f, s] of Object.entries(sizes)) console.log(`| ${f} | ${s.bytes} | ${s.gzip} |`)
console.log(`\ncore (worker.js + stowaway-version.wasm) gzipped: ${core} bytes (${(core / 1024).toFixed(1)} KiB; goal ≤ 150 KB); whole page: ${total} bytes`)
