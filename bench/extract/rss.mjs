// Extract + catalog one large layer file in this process and print the figures; run it
// under `/usr/bin/time -v` to read the peak RSS (see docs/performance.md).
//
// Usage: /usr/bin/time -v node bench/extract/rss.mjs /tmp/stowaway-bench/image-2g.tar.gz
import { createReadStream, statSync } from 'node:fs'
import { Readable } from 'node:stream'
import { loadStages } from './bundle.mjs'

const path = process.argv[2]
const { extractFiles, catalogFiles, catalogRequest } = await loadStages()
const t = process.hrtime.bigint()
let peakHeap = 0
const timer = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().rss)), 50)
const tree = await extractFiles(
  [{ descriptor: { digest: 'sha256:big', mediaType: path.endsWith('.zst') ? 'application/vnd.oci.image.layer.v1.tar+zstd' : 'application/vnd.oci.image.layer.v1.tar+gzip', size: statSync(path).size }, index: 0, body: Readable.toWeb(createReadStream(path, { highWaterMark: 256 * 1024 })) }],
  catalogRequest(),
)
const inv = await catalogFiles(tree)
clearInterval(timer)
const s = Number(process.hrtime.bigint() - t) / 1e9
console.log(JSON.stringify({ file: path, compressedBytes: statSync(path).size, seconds: s, packages: inv.packages.length, entries: tree.entries().length, warnings: inv.warnings.length, sampledPeakRss: peakHeap }))
