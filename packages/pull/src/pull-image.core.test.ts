import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { readAllBytes } from '@stowaway/core'
import { memoryFiles } from './file-access.ts'
import { pullImage } from './pull-image.ts'
import { sharedPath } from '../../../test/support/shared.ts'

// The browser path: core pullImage with in-memory files and no Node defaults.
const dir = sharedPath('images/anchore__stereoscope/pkg/image/oci/testdata')

function loadTree(root: string, prefix: string, into: Map<string, Uint8Array>, at = root) {
  for (const name of readdirSync(at)) {
    const p = join(at, name)
    if (statSync(p).isDirectory()) loadTree(root, prefix, into, p)
    else into.set(`${prefix}/${relative(root, p)}`, new Uint8Array(readFileSync(p)))
  }
}

describe.skipIf(!dir)('core pullImage without Node (memory FileAccess, no fs, no undici)', () => {
  it('reads an OCI layout and an OCI archive from memory', async () => {
    const files = new Map<string, Uint8Array>()
    loadTree(`${dir}/multiplatform_oci_dir`, 'layout', files)
    files.set('valid-oci.tar', new Uint8Array(readFileSync(`${dir}/valid-oci.tar`)))
    const access = memoryFiles(files)
    const image = await pullImage('oci:layout', { files: access, platform: 'linux/arm64' })
    expect(image.platform.architecture).toBe('arm64')
    const body = await readAllBytes(await image.openLayer(0))
    expect(body.byteLength).toBe(image.layers[0]!.size)
    const tarred = await pullImage('oci-archive:valid-oci.tar', { files: access })
    expect(tarred.layers.length).toBeGreaterThan(0)
    for await (const b of tarred.blobs()) expect((await readAllBytes(b.body)).byteLength).toBe(b.descriptor.size)
  })

  it('says what is missing for local sources without files, and for dir:', async () => {
    await expect(pullImage('oci:/x')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await expect(pullImage('dir:/x')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })
})
