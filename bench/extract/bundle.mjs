// Bundle @stowaway/extract and @stowaway/sbom from source with esbuild into the
// git-ignored .cache/ and import them, so the benches need no build step.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))

export async function loadStages() {
  mkdirSync(join(root, '.cache'), { recursive: true })
  const out = mkdtempSync(join(root, '.cache', 'bench-extract-'))
  await build({
    stdin: {
      contents: `export * from '@stowaway/extract'; export * from '@stowaway/sbom'`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(out, 'stages.mjs'),
    external: ['yaml', 'smol-toml', 'fzstd', '@noble/hashes', '@noble/hashes/*'],
    alias: Object.fromEntries(['core', 'extract', 'sbom'].map((p) => [`@stowaway/${p}`, join(root, `packages/${p}/src/index.ts`)])),
    logLevel: 'error',
  })
  const mod = await import(pathToFileURL(join(out, 'stages.mjs')).href)
  rmSync(out, { recursive: true, force: true })
  return mod
}
