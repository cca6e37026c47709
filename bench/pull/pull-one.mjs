// Pull one image with the built @stowaway/pull and verify every layer, writing blobs to
// --out DIR (or discarding them). Prints a JSON line with bytes and seconds. Used by
// run.mjs under /usr/bin/time -v for peak RSS.
//   node bench/pull/pull-one.mjs REF [--out DIR] [--sequential] [--collect-every BYTES] [--marks]
// --collect-every sets the Node transport's young-generation GC interval (0 = off; the
// A/B of intervals in docs/performance.md "## Pull"); --marks adds where the time went
// (process start → import → pullImage() → last byte) to the JSON line.
import { mkdirSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'

const booted = performance.now()
const { pullImage, createUndiciFetch } = await import('@stowaway/pull')
const imported = performance.now()
const [ref, ...rest] = process.argv.slice(2)
const arg = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined)
const out = arg('--out')
const sequential = rest.includes('--sequential')
const collectEvery = arg('--collect-every')
const options = { auth: undefined }
if (collectEvery !== undefined) options.fetch = createUndiciFetch({ collectEveryBytes: Number(collectEvery) }).fetch
const t0 = performance.now()
const image = await pullImage(ref, options)
const pulled = performance.now()
if (out) mkdirSync(out, { recursive: true })
const WRITE_BATCH = 1024 * 1024
const drain = async (i) => {
  const body = await image.openLayer(i)
  // Like skopeo, write each verified blob to a file: plain FileHandle writes, no stream
  // adapter, chunks gathered into one writev of about 1 MiB (fewer thread-pool round trips),
  // one write in flight while the next batch is read (reading never waits for the disk
  // unless a whole batch is ready before the previous write is done).
  const fh = out ? await open(join(out, image.layers[i].digest.replace(':', '-')), 'w') : undefined
  let n = 0
  let batch = []
  let batched = 0
  let writing = Promise.resolve()
  const reader = body.getReader()
  try {
    for (;;) {
      const r = await reader.read()
      if (r.done) break
      n += r.value.byteLength
      if (!fh) continue
      batch.push(r.value)
      batched += r.value.byteLength
      if (batched >= WRITE_BATCH) {
        const full = batch
        batch = []
        batched = 0
        await writing
        writing = fh.writev(full)
      }
    }
    await writing
    if (fh && batch.length) await fh.writev(batch)
  } finally {
    await writing.catch(() => {})
    await fh?.close()
  }
  return n
}
let bytes = 0
if (sequential) for (let i = 0; i < image.layers.length; i++) bytes += await drain(i)
else bytes = (await Promise.all(image.layers.map((_, i) => drain(i)))).reduce((a, b) => a + b, 0)
const seconds = (performance.now() - t0) / 1000
const line = { ref, bytes, seconds, layers: image.layers.length }
if (rest.includes('--marks')) {
  // performance.now() counts from the process's time origin, so `booted` is Node's start-up.
  line.marksMs = { nodeStart: booted, import: imported - booted, pullImage: pulled - t0, layers: performance.now() - pulled }
}
console.log(JSON.stringify(line))
