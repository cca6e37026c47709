import { describe, it, expect } from 'vitest'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Package, Warning } from '@stowaway/core'
import { extractFiles, type LayerSource } from '@stowaway/extract'
import { ensureDebianImage } from '../../../../test/support/debian-image.ts'
import { catalogRequest } from '../catalog-files.ts'
import type { Cataloger } from '../cataloger.ts'
import { DEFAULT_CATALOGERS } from '../default-catalogers.ts'

// Every cataloger of this suite's owner: rpm and the language ecosystems.
const MINE = DEFAULT_CATALOGERS.filter((c) => c.name !== 'dpkg' && c.name !== 'apk')

describe('rpm and language catalogers over the real Debian image, through extract', () => {
  const img = ensureDebianImage()
  it.skipIf(!img)('find exactly the app layer npm packages, attributed to layer 3, with no warnings', async () => {
    const layers = img!.expected.layers as { layer: string; diff_id: string; gzip: { digest: string; size: number } }[]
    const sources: LayerSource[] = layers.map((l, index) => ({
      descriptor: { digest: l.gzip.digest, diffId: l.diff_id, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: l.gzip.size },
      index,
      body: Readable.toWeb(createReadStream(join(img!.out, 'layers', `${l.layer}.tar.gz`))) as ReadableStream<Uint8Array>,
    }))
    const tree = await extractFiles(sources, catalogRequest(MINE))
    const warnings: Warning[] = []
    const pkgs: Package[] = []
    for (const c of MINE as Cataloger[]) pkgs.push(...(await c.catalog({ tree, warn: (w) => warnings.push(w) })))
    expect(warnings).toEqual([])
    expect(pkgs.map((p) => `${p.type}:${p.name}@${p.version}`).sort()).toEqual(['npm:lodash@4.17.20', 'npm:minimist@1.2.5'])
    for (const p of pkgs) expect(p.locations![0]!.layer).toBe(layers[2]!.diff_id)
  })
})
