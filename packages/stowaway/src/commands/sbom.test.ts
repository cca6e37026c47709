import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync, chmodSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../cli.ts'
import { captureIo } from '../testing-io.ts'
import { ensureDebianImage, CACHE_ROOT } from '../../../../test/support/debian-image.ts'
import { validateCycloneDx, validateSpdx23 } from '../../../sbom/src/testing/schemas.ts'
import { sharedPath } from '../../../../test/support/shared.ts'

const img = ensureDebianImage()

async function registryUp(base: string): Promise<boolean> {
  try {
    const r = await fetch(`${base}/v2/`, { signal: AbortSignal.timeout(2000) })
    return r.status === 200
  } catch {
    return false
  }
}

// Serve the storage build-images.sh pushed (OUT/registry/5000) with Debian's
// docker-registry on a free loopback port; undefined when either is missing.
async function serveRegistry(storage: string): Promise<{ host: string; stop: () => void } | undefined> {
  const bin = ['/usr/bin/docker-registry', '/usr/sbin/docker-registry'].find((p) => existsSync(p))
  if (!bin || !existsSync(join(storage, 'docker'))) return undefined
  const port = await new Promise<number>((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port
      srv.close(() => done(p))
    })
  })
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-registry-'))
  const cfg = join(dir, 'config.yml')
  writeFileSync(cfg, `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\n  maintenance:\n    uploadpurging:\n      enabled: false\n    readonly:\n      enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`)
  const child = spawn(bin, ['serve', cfg], { stdio: 'ignore' })
  const stop = () => {
    child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  for (let i = 0; i < 50; i++) {
    if (await registryUp(`http://127.0.0.1:${port}`)) return { host: `127.0.0.1:${port}`, stop }
    await new Promise((r) => setTimeout(r, 100))
  }
  stop()
  return undefined
}

const debs = (doc: any) => doc.components.filter((c: any) => c.purl?.startsWith('pkg:deb/'))

describe('stowaway sbom: usage', () => {
  it('rejects a missing image and unknown formats with exit code 2', async () => {
    for (const args of [['sbom'], ['sbom', 'x', '--format', 'xml'], ['sbom', 'x', '--spec-version', '1.4']]) {
      const io = captureIo()
      expect(await main(args, io)).toBe(2)
      expect(io.err).toContain('Usage:')
    }
  })

  it('reports a missing local image as an input error', async () => {
    const io = captureIo()
    expect(await main(['sbom', 'oci:/nonexistent/layout'], io)).toBe(2)
    expect(io.err).toMatch(/^stowaway: Cannot/)
  })
})

describe.skipIf(!img)('stowaway sbom: every local image source of the Debian image', () => {
  const { out, expected } = img!
  const sources = [
    `oci:${join(out, 'oci')}`,
    `oci:${join(out, 'oci-zstd')}`,
    `docker-archive:${join(out, 'debian-app.docker-archive.tar')}`,
    `oci-archive:${join(out, 'debian-app.oci-archive.tar')}`,
  ]
  for (const source of sources) {
    it(`${source.split(':')[0]} ${source.includes('zstd') ? '(zstd)' : ''}: CycloneDX 1.6 with the 106 dpkg packages`, async () => {
      const io = captureIo()
      expect(await main(['sbom', source], io)).toBe(0)
      const doc = JSON.parse(io.out)
      expect(validateCycloneDx('1.6')(doc)).toEqual([])
      expect(debs(doc).map((c: any) => `${c.name}@${c.version}`).sort()).toEqual(expected.dpkg.packages.map((p: any) => `${p.name}@${p.version}`).sort())
      expect(doc.components.find((c: any) => c.type === 'operating-system')).toMatchObject({ name: 'debian', version: '12' })
    })
  }

  it('deterministic: every source form of the image gives the same components, run after run', async () => {
    const components = async (source: string) => {
      const io = captureIo()
      expect(await main(['sbom', source], io)).toBe(0)
      return JSON.stringify(JSON.parse(io.out).components)
    }
    const first = await components(sources[0]!)
    expect(await components(sources[0]!)).toBe(first)
    for (const s of sources.slice(1)) expect(await components(s)).toBe(first)
  })

  it('spdx-json and json to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-sbom-'))
    try {
      const file = join(dir, 'sbom.spdx.json')
      const io = captureIo()
      expect(await main(['sbom', `oci:${join(out, 'oci')}`, '--format', 'spdx-json', '--output', file], io)).toBe(0)
      expect(io.out).toBe('')
      const doc = JSON.parse(readFileSync(file, 'utf8'))
      expect(validateSpdx23(doc)).toEqual([])
      expect(doc.packages.filter((p: any) => p.externalRefs?.[0]?.referenceLocator.startsWith('pkg:deb/'))).toHaveLength(expected.dpkg.count_final)
      const io2 = captureIo()
      expect(await main(['sbom', `oci:${join(out, 'oci')}`, '--format', 'json'], io2)).toBe(0)
      const inv = JSON.parse(io2.out)
      expect(inv.distro).toMatchObject({ id: 'debian', versionId: '12' })
      expect(inv.source.digest).toBe(expected.oci_manifest_digest)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a tampered layer blob fails with DIGEST_MISMATCH (exit 2), never a partial SBOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-tamper-'))
    try {
      cpSync(join(out, 'oci'), join(dir, 'oci'), { recursive: true })
      const blob = join(dir, 'oci', 'blobs', 'sha256', expected.layers[2].gzip.digest.slice(7))
      chmodSync(blob, 0o644)
      const fd = openSync(blob, 'r+')
      writeSync(fd, Buffer.from('tampered'), 0, 8, 5000)
      closeSync(fd)
      const io = captureIo()
      expect(await main(['sbom', `oci:${join(dir, 'oci')}`], io)).toBe(2)
      expect(io.out).toBe('')
      expect(io.err).toContain('[DIGEST_MISMATCH]')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.skipIf(!existsSync(join(out, 'oci-multiarch')))('--platform linux/386 picks the i386 image of the index', async () => {
    const io = captureIo()
    expect(await main(['sbom', `oci:${join(out, 'oci-multiarch')}`, '--platform', 'linux/386', '--spec-version', '1.5'], io)).toBe(0)
    const doc = JSON.parse(io.out)
    expect(doc.specVersion).toBe('1.5')
    expect(validateCycloneDx('1.5')(doc)).toEqual([])
    expect(debs(doc)).toHaveLength(expected.dpkg.count_i386_image)
    expect(debs(doc).find((c: any) => c.name === 'libc6').purl).toContain('arch=i386')
  })

  const rootfs = join(CACHE_ROOT, 'debian-images', 'cache', 'rootfs-amd64')
  it.skipIf(!existsSync(join(rootfs, 'var/lib/dpkg/status')))('dir: an unpacked root filesystem (layer 1 only: 88 packages)', async () => {
    const io = captureIo()
    expect(await main(['sbom', `dir:${rootfs}`, '--format', 'json'], io)).toBe(0)
    const inv = JSON.parse(io.out)
    expect(inv.packages.filter((p: any) => p.type === 'deb')).toHaveLength(expected.dpkg.count_layer1_only)
  })

  it('registry: the pushed fixture storage served by docker-registry', async (ctx) => {
    const reg = await serveRegistry(join(out, 'registry', '5000'))
    if (!reg) return ctx.skip()
    try {
      for (const tag of ['latest', 'zstd', 'v2s2', 'multiarch']) {
        const io = captureIo()
        expect(await main(['sbom', `${reg.host}/fixtures/debian-app:${tag}`, '--format', 'json'], io)).toBe(0)
        const inv = JSON.parse(io.out)
        expect(inv.packages.filter((p: any) => p.type === 'deb')).toHaveLength(expected.dpkg.count_final)
      }
    } finally {
      reg.stop()
    }
  })
})

const alpine311 = sharedPath('images/aquasecurity__trivy/pkg/fanal/test/testdata/alpine-311.tar.gz')

describe.skipIf(!alpine311)('stowaway sbom: trivy\'s gzip-wrapped docker save of Alpine 3.11', () => {
  it('finds the 14 apk packages the fixture manifest lists', async () => {
    const io = captureIo()
    expect(await main(['sbom', `docker-archive:${alpine311}`, '--format', 'spdx-json'], io)).toBe(0)
    const doc = JSON.parse(io.out)
    expect(validateSpdx23(doc)).toEqual([])
    const apks = doc.packages.filter((p: any) => p.externalRefs?.[0]?.referenceLocator.startsWith('pkg:apk/alpine/'))
    expect(apks).toHaveLength(14)
    expect(doc.packages.find((p: any) => p.primaryPackagePurpose === 'OPERATING_SYSTEM')).toMatchObject({ name: 'alpine', versionInfo: '3.11.5' })
  })
})
