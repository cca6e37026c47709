import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { iterateStream } from '@stowaway/core'
import { dockerConfigCredentials, pullImage, RegistryClient, type PulledImage, type PullOptions } from '@stowaway/pull'
import { ensureDebianImage } from '../support/debian-image.ts'
import { main } from '../../packages/stowaway/src/cli.ts'
import { captureIo } from '../../packages/stowaway/src/testing-io.ts'
import { sharedPath } from '../support/shared.ts'
import { PASSWORD, REFRESH_TOKEN, REPO, USER, skopeoInspect, startRegistries, type Registries } from './harness.ts'

async function drain(image: PulledImage): Promise<number[]> {
  const sizes: number[] = []
  for await (const blob of image.blobs()) {
    let n = 0
    for await (const c of iterateStream(blob.body)) n += c.byteLength
    sizes.push(n)
  }
  return sizes
}

const debian = sharedPath('images/debian/build-images.sh') ? ensureDebianImage() : undefined

describe.skipIf(!debian)('pull from real distribution registries', () => {
  let r: Registries
  const exp = debian?.expected
  beforeAll(async () => {
    r = await startRegistries(debian!)
  })
  afterAll(async () => {
    await r?.stop()
  })

  const creds = { username: USER, password: PASSWORD }
  const kinds: [string, () => string, PullOptions, string | undefined][] = [
    ['no auth', () => r.plain, {}, undefined],
    ['htpasswd basic auth', () => r.basic, { auth: creds }, `${USER}:${PASSWORD}`],
    ['token auth', () => r.token, { auth: creds }, `${USER}:${PASSWORD}`],
  ]

  describe.each(kinds)('%s', (_kind, host, opts, skopeoCreds) => {
    it('pulls latest by tag and by digest; digests match the registry (skopeo) and the build', async () => {
      const ref = `${host()}/${REPO}:latest`
      const want = await skopeoInspect(ref, skopeoCreds)
      const image = await pullImage(ref, opts)
      expect(image.reference).toBe(ref)
      expect(image.manifestDigest).toBe(want.Digest)
      expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
      expect(image.layers.map((l) => l.digest)).toEqual(want.Layers)
      expect(image.layers.map((l) => l.diffId)).toEqual(exp.layers.map((l: any) => l.diff_id))
      expect(image.config.os).toBe('linux')
      expect(await drain(image)).toEqual(exp.layers.map((l: any) => l.gzip.size))
      const byDigest = await pullImage(`${host()}/${REPO}@${want.Digest}`, opts)
      expect(byDigest.manifestDigest).toBe(want.Digest)
      expect(byDigest.configDigest).toBe(image.configDigest)
    })

    it('pulls the Docker schema 2, zstd and multi-platform tags', async () => {
      const v2s2 = await pullImage(`${host()}/${REPO}:v2s2`, opts)
      expect(v2s2.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
      expect(v2s2.manifestDigest).toBe((await skopeoInspect(`${host()}/${REPO}:v2s2`, skopeoCreds)).Digest)
      expect(v2s2.layers.map((l) => l.mediaType)).toEqual(Array(3).fill('application/vnd.docker.image.rootfs.diff.tar.gzip'))
      const zstd = await pullImage(`${host()}/${REPO}:zstd`, opts)
      expect(zstd.manifestDigest).toBe(exp.zstd_manifest_digest)
      const multi = await pullImage(`${host()}/${REPO}:multiarch`, { ...opts, platform: 'linux/386' })
      const rawIndex = await skopeoInspect(`${host()}/${REPO}:multiarch`, skopeoCreds, true)
      expect(multi.indexDigest).toBe(exp.multiarch_index_digest)
      expect(multi.manifestDigest).toBe(rawIndex.manifests.find((m: any) => m.platform.architecture === '386').digest)
      expect(await drain(multi)).toEqual(multi.layers.map((l) => l.size))
      await expect(pullImage(`${host()}/${REPO}:multiarch`, { ...opts, platform: 'linux/ppc64le' })).rejects.toMatchObject({
        code: 'PLATFORM_NOT_FOUND',
        message: expect.stringContaining('"linux/386"'),
      })
    })

    it('reports an unknown tag as REGISTRY_NOT_FOUND', async () => {
      await expect(pullImage(`${host()}/${REPO}:no-such-tag`, opts)).rejects.toMatchObject({ code: 'REGISTRY_NOT_FOUND' })
    })
  })

  it('refuses missing and wrong credentials with REGISTRY_AUTH', async () => {
    for (const host of [r.basic, r.token]) {
      await expect(pullImage(`${host}/${REPO}:latest`, { auth: undefined })).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
      await expect(pullImage(`${host}/${REPO}:latest`, { auth: { username: USER, password: 'wrong' } })).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
    }
  })

  it('caches a bearer token per scope', async () => {
    const client = new RegistryClient(r.token, { auth: creds })
    await client.getManifest(REPO, 'latest')
    await client.getManifest(REPO, 'v2s2')
    await client.getManifest(REPO, exp.oci_manifest_digest)
    expect(client.auth.tokenRequests).toBe(1)
  })

  it('exchanges an identity (refresh) token at the realm', async () => {
    const image = await pullImage(`${r.token}/${REPO}:latest`, { auth: { identityToken: REFRESH_TOKEN } })
    expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
    await expect(pullImage(`${r.token}/${REPO}:latest`, { auth: { identityToken: 'revoked' } })).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
  })

  it('sends a ready registry token as is', async () => {
    const res = await fetch(`${r.realm}?service=stowaway-test-registry&scope=repository:${REPO}:pull`, {
      headers: { Authorization: 'Basic ' + btoa(`${USER}:${PASSWORD}`) },
    })
    const { token } = (await res.json()) as { token: string }
    const image = await pullImage(`${r.token}/${REPO}:latest`, { auth: { registryToken: token } })
    expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
  })

  it('reads credentials from a docker config.json: auths, and credHelpers run as docker-credential-<name>', async () => {
    const cfgDir = mkdtempSync(join(tmpdir(), 'stowaway-docker-config-'))
    const helper = join(cfgDir, 'docker-credential-stowawaytest')
    // A credential helper speaking the docker-credential protocol: server URL on stdin, JSON on stdout.
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\nif [ "$1" = get ] && [ "$server" = "${r.token}" ]; then printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$server"; else echo "credentials not found in native keychain"; exit 1; fi\n`,
    )
    chmodSync(helper, 0o755)
    writeFileSync(
      join(cfgDir, 'config.json'),
      JSON.stringify({ auths: { [`http://${r.basic}`]: { auth: btoa(`${USER}:${PASSWORD}`) } }, credHelpers: { [r.token]: 'stowawaytest' } }),
    )
    const oldPath = process.env.PATH
    process.env.PATH = `${cfgDir}:${oldPath}`
    try {
      const auth = dockerConfigCredentials({ configDir: cfgDir })
      expect(await auth(r.basic)).toEqual(creds)
      expect(await auth(r.token)).toEqual(creds)
      expect(await auth('other.example.com')).toBeUndefined()
      for (const host of [r.basic, r.token]) {
        const image = await pullImage(`${host}/${REPO}:latest`, { auth })
        expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
      }
      // DOCKER_CONFIG is how the default resolver finds the file.
      process.env.DOCKER_CONFIG = cfgDir
      const viaEnv = await pullImage(`${r.basic}/${REPO}:latest`)
      expect(viaEnv.manifestDigest).toBe(exp.oci_manifest_digest)
    } finally {
      process.env.PATH = oldPath
      delete process.env.DOCKER_CONFIG
    }
  })
  describe('stowaway inspect against each auth kind', () => {
    const check = (io: { out: string }, ref: string) => {
      const doc = JSON.parse(io.out)
      expect(doc.reference).toBe(ref)
      expect(doc.manifestDigest).toBe(exp.oci_manifest_digest)
      expect(doc.layers.map((l: any) => l.digest)).toEqual(exp.layers.map((l: any) => l.gzip.digest))
      expect(doc.config.cmd).toEqual(['bash'])
    }

    it('anonymous, by tag and by digest', async () => {
      const io = captureIo()
      expect(await main(['inspect', `${r.plain}/${REPO}:latest`], io)).toBe(0)
      check(io, `${r.plain}/${REPO}:latest`)
      const byDigest = captureIo()
      expect(await main(['inspect', '--plain-http', `${r.plain}/${REPO}@${exp.oci_manifest_digest}`], byDigest)).toBe(0)
      expect(JSON.parse(byDigest.out).manifestDigest).toBe(exp.oci_manifest_digest)
    })

    it('basic auth with --username/--password', async () => {
      const io = captureIo()
      expect(await main(['inspect', '--username', USER, '--password', PASSWORD, `${r.basic}/${REPO}:latest`], io)).toBe(0)
      check(io, `${r.basic}/${REPO}:latest`)
      const denied = captureIo()
      expect(await main(['inspect', '--username', USER, '--password', 'nope', `${r.basic}/${REPO}:latest`], denied)).toBe(2)
      expect(denied.err).toContain('REGISTRY_AUTH')
    })

    it('token auth with STOWAWAY_USERNAME/STOWAWAY_PASSWORD, and --platform on the index', async () => {
      process.env.STOWAWAY_USERNAME = USER
      process.env.STOWAWAY_PASSWORD = PASSWORD
      try {
        const io = captureIo()
        expect(await main(['inspect', `${r.token}/${REPO}:latest`], io)).toBe(0)
        check(io, `${r.token}/${REPO}:latest`)
        const multi = captureIo()
        expect(await main(['inspect', '--platform', 'linux/386', `${r.token}/${REPO}:multiarch`], multi)).toBe(0)
        expect(JSON.parse(multi.out).platform).toEqual({ os: 'linux', architecture: '386' })
        const none = captureIo()
        expect(await main(['inspect', '--platform', 'linux/arm64', `${r.token}/${REPO}:multiarch`], none)).toBe(2)
        expect(none.err).toMatch(/PLATFORM_NOT_FOUND/)
        expect(none.err).toMatch(/available .*"linux\/amd64"/)
      } finally {
        delete process.env.STOWAWAY_USERNAME
        delete process.env.STOWAWAY_PASSWORD
      }
    })
  })
})
