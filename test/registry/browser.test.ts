import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build } from 'esbuild'
import { ensureDebianImage } from '../support/debian-image.ts'
import { REPO_ROOT, sharedPath } from '../support/shared.ts'
import { chromiumAvailable, launchChromium } from '../browser/chromium.ts'
import { startCorsProxy, type CorsProxy } from './cors-proxy.ts'
import { PASSWORD, REPO, USER, startRegistries, type Registries } from './harness.ts'

// The browser-safe core of @stowaway/pull, bundled from source, in Debian's Chromium:
// token auth and verified layers through a CORS front (`registryUrl`), as the docs say a
// browser needs for registries that send no CORS headers.
const debian = chromiumAvailable() && sharedPath('images/debian/build-images.sh') ? ensureDebianImage() : undefined

describe.runIf(debian)('pull in Chromium', () => {
  let regs: Registries
  let proxy: CorsProxy
  let page: Server
  let origin = ''
  beforeAll(async () => {
    regs = await startRegistries(debian!)
    proxy = await startCorsProxy(regs.token, regs.realm)
    const bundle = await build({
      entryPoints: [join(REPO_ROOT, 'packages/pull/src/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      alias: { '@stowaway/core': join(REPO_ROOT, 'packages/core/src/index.ts') },
    })
    const js = bundle.outputFiles[0]!.text
    page = createServer((req, res) => {
      if (req.url === '/pull.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
      else
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>pull</title><script type="module">import * as m from "/pull.js"; window.stowawayPull = m</script>')
    })
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r))
    origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((r) => page?.close(r))
    await proxy?.close()
    await regs?.stop()
  })

  it('pulls with token auth and verifies every layer', async () => {
    const browser = await launchChromium()
    try {
      const tab = await browser.context.newPage()
      await tab.goto(origin)
      await tab.waitForFunction(() => (window as any).stowawayPull !== undefined)
      const result = await tab.evaluate(
        async ({ registry, proxyUrl, user, pass, repo }) => {
          const { pullImage } = (window as any).stowawayPull
          const image = await pullImage(`${registry}/${repo}:latest`, { auth: { username: user, password: pass }, registryUrl: proxyUrl })
          const sizes: number[] = []
          for await (const blob of image.blobs()) {
            const reader = blob.body.getReader()
            let n = 0
            for (;;) {
              const r = await reader.read()
              if (r.done) break
              n += r.value.byteLength
            }
            sizes.push(n)
          }
          return { manifestDigest: image.manifestDigest, sizes, layers: image.layers.map((l: { digest: string }) => l.digest) }
        },
        { registry: regs.token, proxyUrl: proxy.url, user: USER, pass: PASSWORD, repo: REPO },
      )
      const exp = debian!.expected
      expect(result.manifestDigest).toBe(exp.oci_manifest_digest)
      expect(result.layers).toEqual(exp.layers.map((l: any) => l.gzip.digest))
      expect(result.sizes).toEqual(exp.layers.map((l: any) => l.gzip.size))
      // Nothing went straight to the registry or the token service: the page could not have read it.
      expect(browser.requests.filter((u) => u.includes(regs.token) || u.includes(new URL(regs.realm).host))).toEqual([])
    } finally {
      await browser.close()
    }
  }, 120_000)
})
