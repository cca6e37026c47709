// The real three-layer Debian image: extract it from its gzip and zstd layer blobs and
// compare with what umoci unpack, dpkg-query and the build script's expected.json say.
import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { extractFiles, type LayerSource } from '@stowaway/extract'
import { ensureDebianImage } from '../support/debian-image.ts'
import { debianLayers } from './debian-layers.ts'

const img = ensureDebianImage()

describe.skipIf(!img)('extract: the Debian image', () => {
  const { out, expected } = img!

  it('squashes the gzip layers into the view umoci unpack produced', async () => {
    const tree = await extractFiles(debianLayers(out, expected), {
      patterns: ['etc/os-release', 'var/lib/dpkg/status', 'usr/share/doc/*/copyright'],
    })
    expect(tree.warnings).toEqual([])
    const os = new TextDecoder().decode(tree.get('/etc/os-release')!.bytes)
    expect(os).toMatch(/^ID=debian$/m)
    expect(tree.stat!('etc/os-release')!.path).toBe('usr/lib/os-release')
    // layer 2's copied-up status supersedes layer 1's
    const status = tree.get('var/lib/dpkg/status')!
    expect(status.layer).toBe(expected.layers[1].diff_id)
    expect(new TextDecoder().decode(status.bytes).match(/^Package: /gm)!.length).toBe(expected.dpkg.count_final)
    // whiteouts and the opaque /usr/share/doc
    for (const w of expected.whiteouts.filter((w: any) => w.type === 'whiteout')) expect(tree.stat!(w.path)).toBeUndefined()
    const docs = tree.glob('usr/share/doc/*/copyright').map((p) => p.split('/')[3]).sort()
    expect(docs).toEqual([...expected.usr_share_doc_visible].sort())
    // merged rootfs counts (umoci unpack): hard links count as regular files
    const all = tree.entries!()
    const count = (k: string) => all.filter((e) => e.kind === k).length
    expect(count('file')).toBe(expected.merged_rootfs.regular_files)
    expect(count('symlink')).toBe(expected.merged_rootfs.symlinks)
    // find -type d also counts the root itself
    expect(count('dir') + 1).toBe(expected.merged_rootfs.directories)
    // merged-/usr: /bin is a symlink, so /bin/sh resolves through it
    expect(tree.stat!('bin/sh')?.path).toMatch(/^usr\/bin\//)
  })

  it('the dpkg database extracted equals what dpkg-query reads from it', async () => {
    const tree = await extractFiles(debianLayers(out, expected, 'tar'), { patterns: ['var/lib/dpkg/status'] })
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-dpkg-'))
    try {
      mkdirSync(join(dir, 'updates'))
      writeFileSync(join(dir, 'status'), tree.get('var/lib/dpkg/status')!.bytes)
      const listed = execFileSync('dpkg-query', [`--admindir=${dir}`, '-W', '-f', '${Package}\\t${Version}\\n'], { encoding: 'utf8' })
      const rows = listed.trim().split('\n').sort()
      expect(rows).toEqual(expected.dpkg.packages.map((p: any) => `${p.name}\t${p.version}`).sort())
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.skipIf(!existsSync(join(out, 'oci-zstd')))('reads the zstd layers of the same image to the same view', async () => {
    const index = JSON.parse(execFileSync('cat', [join(out, 'oci-zstd', 'index.json')], { encoding: 'utf8' }))
    const blob = (d: string) => join(out, 'oci-zstd', 'blobs', 'sha256', d.slice(7))
    const manifest = JSON.parse(execFileSync('cat', [blob(index.manifests[0].digest)], { encoding: 'utf8' }))
    const layers: LayerSource[] = manifest.layers.map((l: any, i: number) => ({
      descriptor: { ...l, diffId: expected.layers[i].diff_id },
      index: i,
      body: Readable.toWeb(createReadStream(blob(l.digest))) as ReadableStream<Uint8Array>,
    }))
    expect(manifest.layers[0].mediaType).toMatch(/zstd/)
    const tree = await extractFiles(layers, { patterns: ['var/lib/dpkg/status'] })
    expect(tree.warnings).toEqual([])
    expect(new TextDecoder().decode(tree.get('var/lib/dpkg/status')!.bytes).match(/^Package: /gm)!.length).toBe(expected.dpkg.count_final)
    expect(tree.entries!().filter((e) => e.kind === 'file').length).toBe(expected.merged_rootfs.regular_files)
  })
})
