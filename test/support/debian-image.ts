// Build (once, cached) the real multi-layer Debian test image with
// ../shared/images/debian/build-images.sh and return where its output is.
// The cache lives outside the clone so CI runs on the same machine reuse it:
// $STOWAWAY_CACHE (default /var/cache/stowaway)/debian-images.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { sharedPath } from './shared.ts'

export const CACHE_ROOT = process.env.STOWAWAY_CACHE ?? '/var/cache/stowaway'

/** Output folder of build-images.sh: oci/, oci-zstd/, oci-multiarch/, *.tar, layers/, expected.json. */
export interface DebianImage {
  out: string
  expected: any
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Ensure the Debian image is built; undefined (with a notice) when ../shared is absent
 * outside CI. Concurrent callers serialise on a lock directory.
 */
export function ensureDebianImage(): DebianImage | undefined {
  const script = sharedPath('images/debian/build-images.sh')
  if (!script) return undefined
  const out = join(CACHE_ROOT, 'debian-images')
  const lock = out + '.lock'
  mkdirSync(CACHE_ROOT, { recursive: true })
  for (let waited = 0; ; waited += 1000) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock older than 15 minutes belongs to a dead run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true })
      if (waited > 20 * 60_000) throw new Error(`Cannot build the Debian image: lock "${lock}" held too long`)
      sleep(1000)
    }
  }
  try {
    if (!existsSync(join(out, 'expected.json'))) {
      execFileSync('bash', [script, '--out', out, 'build'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000 })
    }
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
  return { out, expected: JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8')) }
}
