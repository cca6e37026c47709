// Build the static SBOM check page into dist/: the page script and the worker bundled
// by esbuild from the workspace packages' built entries, the release WASM core copied
// beside them, and the static files. dist/ can be served by any static server.
import { build } from 'esbuild'
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, 'dist')
// The workspace sibling: the release build of the version core (npm run build:wasm).
const versionPkg = join(here, '../version')

await rm(out, { recursive: true, force: true })
await mkdir(out, { recursive: true })
await build({
  entryPoints: { app: join(here, 'src/main.ts'), worker: join(here, 'src/worker.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // The browser paths map each @stowaway/* package to its web entry (src/index.ts).
  tsconfig: join(here, '../../tsconfig.browser.json'),
})
await copyFile(join(versionPkg, 'wasm/stowaway-version.wasm'), join(out, 'stowaway-version.wasm'))
for (const f of await readdir(join(here, 'static'))) await copyFile(join(here, 'static', f), join(out, f))

// Sizes of what a visit downloads (maps excluded), for bench/ and a quick look.
const sizes = {}
for (const f of (await readdir(out)).sort()) {
  if (f.endsWith('.map') || !(await stat(join(out, f))).isFile()) continue
  const b = readFileSync(join(out, f))
  sizes[f] = { bytes: b.length, gzip: gzipSync(b, { level: 9 }).length }
}
await writeFile(join(out, 'sizes.json'), JSON.stringify(sizes, null, 1) + '\n')
