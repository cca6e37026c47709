import { describe, it, expect } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../cli.ts'
import { captureIo } from '../testing-io.ts'
import { ensureDebianImage } from '../../../../test/support/debian-image.ts'
import { sharedPath } from '../../../../test/support/shared.ts'

const debian = sharedPath('images/debian/build-images.sh') ? ensureDebianImage() : undefined

describe.skipIf(!debian)('stowaway inspect on local sources', () => {
  const out = debian?.out ?? ''
  const exp = debian?.expected
  const amd64 = () => exp.platforms.find((p: { platform: string }) => p.platform === 'linux/amd64')

  it.each([
    ['oci:DIR:tag', () => `oci:${out}/oci:latest`, 'gzip'],
    ['oci:DIR@digest', () => `oci:${out}/oci@${exp.oci_manifest_digest}`, 'gzip'],
    ['oci-archive:FILE', () => `oci-archive:${out}/debian-app.oci-archive.tar`, 'gzip'],
    ['docker-archive:FILE', () => `docker-archive:${out}/debian-app.docker-archive.tar`, 'tar'],
  ])('%s prints manifest, config and layers as JSON', async (_name, src, kind) => {
    const io = captureIo()
    expect(await main(['inspect', src()], io)).toBe(0)
    const doc = JSON.parse(io.out)
    expect(doc.source).toBe(src())
    expect(doc.configDigest).toBe(amd64().config_digest)
    expect(doc.platform).toEqual({ os: 'linux', architecture: 'amd64' })
    expect(doc.config).toMatchObject({ os: 'linux', architecture: 'amd64', created: exp.created, cmd: ['bash'], workingDir: '/app' })
    expect(doc.config.env.some((e: string) => e.startsWith('PATH='))).toBe(true)
    expect(doc.config.history).toHaveLength(3)
    expect(doc.layers.map((l: any) => l.diffId)).toEqual(exp.layers.map((l: any) => l.diff_id))
    if (kind === 'gzip') {
      expect(doc.manifestDigest).toBe(exp.oci_manifest_digest)
      expect(doc.layers.map((l: any) => [l.digest, l.size])).toEqual(exp.layers.map((l: any) => [l.gzip.digest, l.gzip.size]))
    } else {
      expect(doc.layers.map((l: any) => [l.digest, l.size])).toEqual(exp.layers.map((l: any) => [l.diff_id, l.uncompressed_size]))
    }
    expect(io.err).toBe('')
  })

  it('--platform picks from an index; --verify checks every layer, silently off a TTY', async () => {
    const io = captureIo()
    expect(await main(['inspect', '--platform', 'linux/386', '--verify', `oci:${out}/oci-multiarch`], io)).toBe(0)
    const doc = JSON.parse(io.out)
    expect(doc.platform.architecture).toBe('386')
    expect(doc.indexDigest).toBe(exp.multiarch_index_digest)
    expect(io.err).toBe('')
  })

  it('draws a progress bar on a TTY with --verify', async () => {
    const io = { ...captureIo(), isTTY: true }
    let err = ''
    io.stderr = (t: string) => void (err += t)
    expect(await main(['inspect', '--verify', `oci:${out}/oci`], io)).toBe(0)
    expect(err).toMatch(/layer 3\/3 [0-9a-f]{12} \[#{30}\]/)
  })

  it('dir: works too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stowaway-inspect-dir-'))
    writeFileSync(join(root, 'hello'), 'hi\n')
    const io = captureIo()
    expect(await main(['inspect', `dir:${root}`], io)).toBe(0)
    expect(JSON.parse(io.out).layers).toHaveLength(1)
  })
})

describe('stowaway inspect errors', () => {
  it('exits 2 with a coded message', async () => {
    const io = captureIo()
    expect(await main(['inspect', 'oci:/nonexistent/layout'], io)).toBe(2)
    expect(io.err).toMatch(/ARCHIVE_INVALID/)
    const bad = captureIo()
    expect(await main(['inspect', 'Not_A_Ref'], bad)).toBe(2)
    expect(bad.err).toMatch(/REFERENCE_INVALID/)
    const usage = captureIo()
    expect(await main(['inspect'], usage)).toBe(2)
    expect(usage.err).toContain('Usage:')
    const half = captureIo()
    expect(await main(['inspect', '--username', 'u', 'alpine'], half)).toBe(2)
  })
})
