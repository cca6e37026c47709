// Layer sources over the Debian test image's layer files (before the pull stage is used).
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import type { LayerSource } from '@stowaway/extract'

/** The image's layers as LayerSources from OUT/layers (gzip blobs or plain tars). */
export function debianLayers(out: string, expected: any, compression: 'gz' | 'tar' = 'gz'): LayerSource[] {
  return expected.layers.map((l: any, index: number) => ({
    descriptor: {
      digest: compression === 'gz' ? l.gzip.digest : l.diff_id,
      diffId: l.diff_id,
      mediaType: compression === 'gz' ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
      size: compression === 'gz' ? l.gzip.size : l.uncompressed_size,
    },
    index,
    body: Readable.toWeb(createReadStream(join(out, 'layers', `${l.layer}.${compression === 'gz' ? 'tar.gz' : 'tar'}`))) as ReadableStream<Uint8Array>,
  }))
}
