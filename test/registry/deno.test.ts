import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ensureDebianImage } from '../support/debian-image.ts'
import { REPO_ROOT, sharedPath } from '../support/shared.ts'
import { PASSWORD, USER, startRegistries, type Registries } from './harness.ts'

// The browser-safe build of @stowaway/pull in real Deno, against a real token-auth registry.
const deno = join(REPO_ROOT, 'node_modules/.bin/deno')
const built = existsSync(join(REPO_ROOT, 'packages/pull/dist/index.js')) && existsSync(deno)
const debian = built && sharedPath('images/debian/build-images.sh') ? ensureDebianImage() : undefined

describe.runIf(debian)('pull in Deno', () => {
  let r: Registries
  beforeAll(async () => {
    r = await startRegistries(debian!)
  })
  afterAll(async () => {
    await r?.stop()
  })

  it('pulls and verifies with token auth, and reads an OCI layout from memory', async () => {
    const { stdout } = await promisify(execFile)(deno, ['run', '-A', '--no-check', join(REPO_ROOT, 'test/registry/deno-pull.deno.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', REGISTRY: r.token, REG_USER: USER, REG_PASS: PASSWORD, LAYOUT: `${debian!.out}/oci` },
      timeout: 120_000,
    })
    const out = JSON.parse(stdout.trim().split('\n').pop()!)
    const exp = debian!.expected
    expect(out.registry.manifestDigest).toBe(exp.oci_manifest_digest)
    expect(out.registry.sizes).toEqual(exp.layers.map((l: any) => l.gzip.size))
    expect(out.layout.manifestDigest).toBe(exp.oci_manifest_digest)
    expect(out.layout.layers).toEqual(exp.layers.map((l: any) => l.gzip.digest))
  }, 150_000)
})
