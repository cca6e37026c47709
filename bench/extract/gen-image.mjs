// Generate a large single-layer image for the peak-RSS bench: a gzip (and optionally
// zstd) tar of --gib GiB with --small tiny files (metadata load), 1 MiB files under srv/data (a path no cataloger asks for) for the
// bulk, and the host's dpkg status + os-release so the catalogers have work.
//
// Usage: node bench/extract/gen-image.mjs [--gib 2] [--small 100000] [--out /tmp/stowaway-bench] [--zstd]
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createGzip } from 'node:zlib'
import { once } from 'node:events'

const args = process.argv.slice(2)
const opt = (n, d) => (args.indexOf(`--${n}`) >= 0 ? args[args.indexOf(`--${n}`) + 1] : d)
const GIB = Number(opt('gib', 2))
const SMALL = Number(opt('small', 100000))
const dir = opt('out', '/tmp/stowaway-bench')
mkdirSync(dir, { recursive: true })
const tarPath = join(dir, `image-${GIB}g.tar.gz`)

const enc = new TextEncoder()
function header(name, size, type = '0', mode = 0o644) {
  const b = Buffer.alloc(512)
  b.write(name, 0, 100)
  const oct = (off, len, n) => b.write(n.toString(8).padStart(len - 1, '0') + '\0', off, len, 'latin1')
  oct(100, 8, mode)
  oct(108, 8, 0)
  oct(116, 8, 0)
  oct(124, 12, size)
  oct(136, 12, 1747699200)
  b[156] = type.charCodeAt(0)
  b.write('ustar\u000000', 257, 8, 'latin1')
  b.fill(0x20, 148, 156)
  let sum = 0
  for (const x of b) sum += x
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1')
  return b
}

const gz = createGzip({ level: 1 })
const file = createWriteStream(tarPath)
gz.pipe(file)
let written = 0
async function put(buf) {
  written += buf.length
  if (!gz.write(buf)) await once(gz, 'drain')
}
async function entry(name, body, type = '0') {
  await put(header(name, type === '0' ? body.length : 0, type, type === '5' ? 0o755 : 0o644))
  if (type === '0' && body.length) {
    await put(body)
    const pad = (512 - (body.length % 512)) % 512
    if (pad) await put(Buffer.alloc(pad))
  }
}

// Compressible but not trivial: a 16 KiB pseudo-random block, varied per file.
const block = Buffer.alloc(16384)
for (let i = 0, x = 7; i < block.length; i++) {
  x = (x * 1103515245 + 12345) >>> 0
  block[i] = x >>> 24
}
const big = Buffer.alloc(1 << 20)
for (let o = 0; o < big.length; o += block.length) block.copy(big, o)

await entry('etc/', Buffer.alloc(0), '5')
await entry('etc/os-release', readFileSync('/etc/os-release'))
await entry('var/lib/dpkg/status', readFileSync('/var/lib/dpkg/status'))
for (let i = 0; i < SMALL; i++) await entry(`usr/share/small/${i % 1000}/f${i}.txt`, Buffer.from(`small file ${i}\n`))
for (let i = 0; i < 50; i++) await entry(`app/node_modules/pkg${i}/package.json`, Buffer.from(JSON.stringify({ name: `pkg${i}`, version: `1.0.${i}` })))
let n = 0
while (written < GIB * 2 ** 30) {
  big.writeUInt32LE(n, 0)
  await entry(`srv/data/blob${n++}.bin`, big)
}
await put(Buffer.alloc(1024))
gz.end()
await once(file, 'finish')
console.log(JSON.stringify({ tar: tarPath, uncompressedBytes: written, bigFiles: n, smallFiles: SMALL }))
if (args.includes('--zstd')) {
  const zst = tarPath.replace(/\.gz$/, '.zst')
  if (!existsSync(zst)) spawnSync('bash', ['-c', `gzip -dc '${tarPath}' | zstd -q -3 -T2 -o '${zst}'`], { stdio: 'inherit' })
  console.log(JSON.stringify({ zstd: zst }))
}
