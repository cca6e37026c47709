import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest'
import { iterateStream } from '@stowaway/core'
import { pullImage, RegistryClient, type PulledImage, type PullOptions } from '@stowaway/pull'
import { ensureDebianImage } from '../support/debian-image.ts'
import { sharedPath } from '../support/shared.ts'
import { startFaultProxy, type FaultProxy, type SeenRequest } from './fault-proxy.ts'
import { PASSWORD, REPO, USER, startRegistries, type Registries } from './harness.ts'

const debian = sharedPath('images/debian/build-images.sh') ? ensureDebianImage() : undefined

async function drainLayer(image: PulledImage, index: number): Promise<number> {
  let n = 0
  for await (const c of iterateStream(await image.openLayer(index))) n += c.byteLength
  return n
}

const isBlob = (r: SeenRequest) => r.method === 'GET' && r.url.includes('/blobs/')
const isManifest = (r: SeenRequest) => r.url.includes('/manifests/')

describe.skipIf(!debian)('fault injection between client and a real registry', () => {
  let regs: Registries
  let plain: FaultProxy
  let token: FaultProxy
  let storage: FaultProxy
  const exp = debian?.expected
  // The smallest layer (layer 3) keeps the blob faults fast; fast backoff keeps retries quick.
  const small = 2
  const fast: PullOptions = { retryDelayMs: 1, timeoutMs: 10_000 }
  const ref = (p: FaultProxy) => `${p.host}/${REPO}:latest`

  beforeAll(async () => {
    regs = await startRegistries(debian!)
    plain = await startFaultProxy(regs.plain)
    token = await startFaultProxy(regs.token)
    storage = await startFaultProxy(regs.plain)
  })
  afterAll(async () => {
    await Promise.all([plain?.close(), token?.close(), storage?.close()])
    await regs?.stop()
  })
  beforeEach(() => {
    for (const p of [plain, token, storage]) {
      p.seen = []
      p.maxActive = 0
      p.plan = () => undefined
    }
  })

  it('429 with Retry-After: waits as told, then succeeds', async () => {
    let hits = 0
    plain.plan = (r) => (isManifest(r) && hits++ === 0 ? { kind: 'status', status: 429, headers: { 'retry-after': '1' } } : undefined)
    const t0 = Date.now()
    const image = await pullImage(ref(plain), fast)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950)
    expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
    expect(plain.seen.filter(isManifest).length).toBe(2)
  })

  it('500s: retries with backoff and succeeds; gives up with REGISTRY_HTTP after the retry budget', async () => {
    plain.plan = (r, n) => (isBlob(r) && n < 4 ? { kind: 'status', status: 500 } : undefined)
    const image = await pullImage(ref(plain), fast)
    expect(image.configDigest).toBe(exp.config_digest ?? image.configDigest)
    expect(plain.seen.filter((r) => isBlob(r)).length).toBeGreaterThanOrEqual(2)
    plain.plan = (r) => (isManifest(r) ? { kind: 'status', status: 503 } : undefined)
    plain.seen = []
    await expect(pullImage(ref(plain), { ...fast, retries: 2 })).rejects.toMatchObject({ code: 'REGISTRY_HTTP' })
    expect(plain.seen.length).toBe(3)
  })

  it('connection cut mid-blob: resumes with a Range request and the layer still verifies', async () => {
    const image = await pullImage(ref(plain), fast)
    const layer = image.layers[small]!
    let cut = false
    plain.plan = (r) => {
      if (isBlob(r) && r.url.endsWith(layer.digest) && !cut) {
        cut = true
        return { kind: 'cut', after: 100_000 }
      }
      return undefined
    }
    expect(await drainLayer(image, small)).toBe(layer.size)
    const gets = plain.seen.filter((r) => isBlob(r) && r.url.endsWith(layer.digest))
    expect(gets).toHaveLength(2)
    // Whatever reached the client before the cut is kept: the retry asks for the rest only.
    const from = Number(/^bytes=(\d+)-$/.exec(String(gets[1]!.headers.range))?.[1])
    expect(from).toBeGreaterThan(0)
    expect(from).toBeLessThanOrEqual(100_000)
  })

  it('a server that ignores Range: the resumed 200 body is skipped up to where the cut happened', async () => {
    const image = await pullImage(ref(plain), fast)
    const layer = image.layers[small]!
    let n = 0
    plain.plan = (r) => {
      if (!isBlob(r) || !r.url.endsWith(layer.digest)) return undefined
      return n++ === 0 ? { kind: 'truncate', after: 70_000 } : { kind: 'strip-range' }
    }
    expect(await drainLayer(image, small)).toBe(layer.size)
    expect(plain.seen.filter((r) => isBlob(r) && r.url.endsWith(layer.digest))[1]!.headers.range).toBe('bytes=70000-')
  })

  it('truncated blob: a short body once is resumed; a body that is always short is an error, never a pass', async () => {
    const image = await pullImage(ref(plain), fast)
    const layer = image.layers[small]!
    let n = 0
    plain.plan = (r) => (isBlob(r) && r.url.endsWith(layer.digest) && n++ === 0 ? { kind: 'truncate', after: 50_000 } : undefined)
    expect(await drainLayer(image, small)).toBe(layer.size)
    expect(plain.seen.filter((r) => isBlob(r) && r.url.endsWith(layer.digest))[1]!.headers.range).toBe('bytes=50000-')
    plain.plan = (r) => (isBlob(r) && r.url.endsWith(layer.digest) ? { kind: 'truncate', after: r.headers.range ? 1000 : 50_000 } : undefined)
    const again = await pullImage(ref(plain), { ...fast, retries: 2 })
    await expect(drainLayer(again, small)).rejects.toMatchObject({ code: expect.stringMatching(/NETWORK|DIGEST_MISMATCH/) })
  })

  it('wrong digest: a flipped byte fails with DIGEST_MISMATCH naming the digest', async () => {
    const image = await pullImage(ref(plain), fast)
    const layer = image.layers[small]!
    plain.plan = (r) => (isBlob(r) && r.url.endsWith(layer.digest) ? { kind: 'corrupt', at: 12345 } : undefined)
    await expect(drainLayer(image, small)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining(layer.digest) })
    plain.plan = (r) => (isManifest(r) ? { kind: 'corrupt', at: 40 } : undefined)
    await expect(pullImage(`${plain.host}/${REPO}@${exp.oci_manifest_digest}`, fast)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' })
  })

  it('redirect to blob storage on another host: followed, and Authorization is not sent there', async () => {
    // "localhost" is another origin than 127.0.0.1 for the client.
    const storageOrigin = `http://localhost:${storage.host.split(':')[1]}`
    token.plan = (r) => (isBlob(r) && r.headers.authorization ? { kind: 'redirect', location: `${storageOrigin}${r.url}?signed=1` } : undefined)
    const image = await pullImage(ref(token), { ...fast, auth: { username: USER, password: PASSWORD } })
    expect(await drainLayer(image, small)).toBe(image.layers[small]!.size)
    const redirected = token.seen.filter((r) => isBlob(r))
    expect(redirected.length).toBeGreaterThanOrEqual(2)
    expect(redirected.every((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true)
    expect(storage.seen.length).toBeGreaterThanOrEqual(2)
    expect(storage.seen.every((r) => r.headers.authorization === undefined)).toBe(true)
  })

  it('renews a bearer token when the registry answers 401 to it', async () => {
    const client = new RegistryClient(token.host, { ...fast, auth: { username: USER, password: PASSWORD } })
    await client.getManifest(REPO, 'latest')
    expect(client.auth.tokenRequests).toBe(1)
    let stripped = false
    token.plan = (r) => (isManifest(r) && !stripped && (stripped = true) ? { kind: 'strip-auth' } : undefined)
    const m = await client.getManifest(REPO, 'latest')
    expect(m.digest).toBe(exp.oci_manifest_digest)
    expect(client.auth.tokenRequests).toBe(2)
  })

  it('slow server: the timeout fires (before headers and between body chunks)', async () => {
    plain.plan = (r) => (isManifest(r) ? { kind: 'stall', ms: 20_000, beforeHeaders: true } : undefined)
    let t0 = Date.now()
    await expect(pullImage(ref(plain), { ...fast, timeoutMs: 300, retries: 1 })).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(Date.now() - t0).toBeLessThan(5000)
    plain.plan = () => undefined
    const image = await pullImage(ref(plain), { ...fast, timeoutMs: 300, retries: 0 })
    plain.plan = (r) => (isBlob(r) ? { kind: 'stall', ms: 20_000 } : undefined)
    t0 = Date.now()
    await expect(drainLayer(image, small)).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(Date.now() - t0).toBeLessThan(5000)
  })

  it('an AbortSignal stops a download', async () => {
    const image = await pullImage(ref(plain), fast)
    plain.plan = (r) => (isBlob(r) ? { kind: 'stall', ms: 20_000 } : undefined)
    const c = new AbortController()
    setTimeout(() => c.abort(), 200)
    await expect(
      (async () => {
        for await (const _ of iterateStream(await image.openLayer(small, { signal: c.signal })));
      })(),
    ).rejects.toMatchObject({ code: 'ABORTED' })
  })

  it('keeps at most `concurrency` requests in flight per registry', async () => {
    const image = await pullImage(ref(plain), { ...fast, concurrency: 1 })
    // Each blob answer is held back a little so that unlimited requests would overlap.
    plain.plan = (r) => (isBlob(r) ? { kind: 'stall', ms: 100, beforeHeaders: true } : undefined)
    plain.maxActive = 0
    await Promise.all(image.layers.map((_, i) => drainLayer(image, i)))
    expect(plain.maxActive).toBe(1)
    const wide = await pullImage(ref(plain), { ...fast, concurrency: 3 })
    plain.maxActive = 0
    await Promise.all(wide.layers.map((_, i) => drainLayer(wide, i)))
    expect(plain.maxActive).toBe(3)
  })
})
