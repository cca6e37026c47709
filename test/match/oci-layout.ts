// Wrap a rootfs tar.gz (plus optional extra gzip layers) into an OCI image layout on
// disk, so real-data tests scan it through the pull and SBOM stages.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

export function writeOciLayout(dir: string, layers: Uint8Array[]): void {
  mkdirSync(join(dir, 'blobs/sha256'), { recursive: true })
  const blob = (b: Uint8Array) => {
    const d = createHash('sha256').update(b).digest('hex')
    writeFileSync(join(dir, 'blobs/sha256', d), b)
    return { digest: `sha256:${d}`, size: b.length }
  }
  const diffIds = layers.map((l) => `sha256:${createHash('sha256').update(gunzipSync(l)).digest('hex')}`)
  const layerDescs = layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...blob(l) }))
  const config = blob(new TextEncoder().encode(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } })))
  const manifest = blob(new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: layerDescs })))
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }))
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
}
