import { StowawayError, iterateStream, type Warning } from '@stowaway/core'
import type { ContentStore } from './content-store.ts'
import { digestBytes, nobleHashFactory, type HashFactory } from './digest.ts'
import type { FileAccess, RandomAccessFile } from './file-access.ts'
import { parseImageConfig } from './image-config.ts'
import { parseManifest, type Descriptor } from './manifest.ts'
import { MediaTypes } from './media-types.ts'
import { openOciLayout, readSmallFile } from './oci-layout.ts'
import { parseReference, formatReference } from './reference.ts'
import { isGzip, openTarArchive } from './tar-index.ts'

interface ArchiveEntry {
  Config: string
  RepoTags?: string[] | null
  Layers: string[]
}

const BLOB_PATH = /^blobs\/(sha256|sha512)\/([a-f0-9]+)$/
const HEX_JSON = /^([a-f0-9]{64})\.json$/

const normTag = (t: string) => {
  try {
    return formatReference(parseReference(t))
  } catch {
    return t
  }
}

async function head(file: RandomAccessFile, n: number): Promise<Uint8Array> {
  for await (const c of iterateStream(file.read(0, n))) return c.subarray(0, n)
  return new Uint8Array(0)
}

async function hashFile(file: RandomAccessFile, hash: HashFactory, signal?: AbortSignal): Promise<string> {
  const h = hash('sha256')
  for await (const c of iterateStream(file.read(0, Infinity, signal))) h.update(c)
  return `sha256:${h.hex()}`
}

/**
 * A {@link ContentStore} over a `docker save` archive: the classic format (manifest.json,
 * `<id>/layer.tar`, often symlinks to `<diffid>.tar`) and the Docker 25+ format that embeds
 * an OCI layout (then the real manifest from index.json is used, so the digest matches the
 * registry's). Classic archives have no manifest: one is synthesised (Docker schema 2,
 * uncompressed layers whose digest is their diffID), so `manifestDigest` is that of the
 * synthesised manifest.
 *
 * @param file the archive (plain or gzip-wrapped tar)
 * @param name the archive's name, for messages
 * @param tag `repo:tag` to pick when the archive holds several images
 * @param hash hash factory for layers that must be hashed to learn their digest
 * @returns the store, resolved reference and warnings
 * @throws StowawayError `ARCHIVE_INVALID`, `NOT_FOUND`
 * @example
 * ```ts
 * import { openDockerArchive, resolveImage, type RandomAccessFile } from '@stowaway/pull'
 * declare const file: RandomAccessFile
 * const { store } = await openDockerArchive(file, 'docker-archive:img.tar')
 * const image = await resolveImage(store, 'docker-archive:img.tar')
 * ```
 */
export async function openDockerArchive(
  file: RandomAccessFile,
  name: string,
  tag?: string,
  hash: HashFactory = nobleHashFactory,
): Promise<{ store: ContentStore; reference?: string; warnings: Warning[] }> {
  const { files, members } = await openTarArchive(file, name)
  let entries: ArchiveEntry[]
  try {
    entries = JSON.parse(new TextDecoder().decode(await readSmallFile(files, 'manifest.json')))
  } catch (e) {
    throw new StowawayError('ARCHIVE_INVALID', `Cannot read docker archive ${name}: no valid manifest.json`, { cause: e })
  }
  if (!Array.isArray(entries) || entries.length === 0 || entries.some((e) => !e || typeof e.Config !== 'string' || !Array.isArray(e.Layers))) {
    throw new StowawayError('ARCHIVE_INVALID', `Cannot read docker archive ${name}: manifest.json lists no images`)
  }
  const allTags = entries.flatMap((e) => e.RepoTags ?? [])
  let entry: ArchiveEntry
  if (tag) {
    const want = normTag(tag)
    const found = entries.find((e) => (e.RepoTags ?? []).some((t) => t === tag || normTag(t) === want))
    if (!found) throw new StowawayError('NOT_FOUND', `Cannot find "${tag}" in ${name}: available ${allTags.map((t) => `"${t}"`).join(', ') || 'none'}`)
    entry = found
  } else if (entries.length === 1) entry = entries[0]!
  else {
    throw new StowawayError('INVALID_ARGUMENT', `Cannot choose an image in ${name}: it holds ${entries.length}; add :repo:tag (${allTags.map((t) => `"${t}"`).join(', ')})`)
  }
  const reference = tag ?? entry.RepoTags?.[0] ?? undefined

  const configBytes = await readSmallFile(files, entry.Config, 16 * 1024 * 1024)
  const cm = BLOB_PATH.exec(entry.Config) ?? HEX_JSON.exec(entry.Config)
  const configDigest = cm ? (cm.length === 3 ? `${cm[1]}:${cm[2]}` : `sha256:${cm[1]}`) : digestBytes(configBytes, 'sha256', hash)

  // Docker 25+: an OCI layout sits beside manifest.json; use its real manifest.
  if (members.has('index.json') && members.has('oci-layout')) {
    const { store, warnings } = await openOciLayout(files, '', {}, name).catch(() => ({ store: undefined, warnings: [] as Warning[] }))
    if (store) {
      const root = await store.root()
      const doc = parseManifest(root.bytes, root.mediaType)
      if (doc.kind === 'image' && doc.config.digest === configDigest) {
        return { store, ...(reference ? { reference } : {}), warnings }
      }
    }
  }

  const config = parseImageConfig(configBytes)
  const layers: (Descriptor & { path: string })[] = []
  for (let i = 0; i < entry.Layers.length; i++) {
    const path = entry.Layers[i]!
    const f = await files.open(path)
    const bm = BLOB_PATH.exec(path)
    const magic = await head(f, 4)
    const gz = isGzip(magic)
    const zstd = magic[0] === 0x28 && magic[1] === 0xb5 && magic[2] === 0x2f && magic[3] === 0xfd
    const mediaType = gz ? MediaTypes.dockerLayerGzip : zstd ? MediaTypes.ociLayerZstd : MediaTypes.dockerLayer
    // An uncompressed layer's digest is its diffID; a compressed one must be hashed once.
    const digest = bm ? `${bm[1]}:${bm[2]}` : !gz && !zstd && config.rootfs.diff_ids[i] ? config.rootfs.diff_ids[i]! : await hashFile(f, hash)
    layers.push({ mediaType, digest, size: f.size, path })
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaTypes.dockerManifest,
    config: { mediaType: MediaTypes.dockerConfig, size: configBytes.byteLength, digest: configDigest },
    layers: layers.map(({ mediaType, size, digest }) => ({ mediaType, size, digest })),
  }
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest))
  const manifestDigest = digestBytes(manifestBytes, 'sha256', hash)
  const byDigest = new Map<string, string>(layers.map((l) => [l.digest, l.path]))
  byDigest.set(configDigest, entry.Config)
  const store: ContentStore = {
    name,
    root: async () => ({ bytes: manifestBytes, mediaType: MediaTypes.dockerManifest, digest: manifestDigest }),
    manifest: async (d) => {
      throw new StowawayError('NOT_FOUND', `Cannot find manifest "${d.digest}" in ${name}`)
    },
    async blob(d, signal) {
      const path = byDigest.get(d.digest)
      if (!path) throw new StowawayError('NOT_FOUND', `Cannot find blob "${d.digest}" in ${name}`)
      return (await files.open(path)).read(0, Infinity, signal)
    },
  }
  return { store, ...(reference ? { reference } : {}), warnings: [] }
}
