import { StowawayError, readAllBytes, type Warning } from '@stowaway/core'
import type { ContentStore } from './content-store.ts'
import { parseDigest, verifyBytes } from './digest.ts'
import type { FileAccess } from './file-access.ts'
import { parseManifest, type Descriptor } from './manifest.ts'
import { MediaTypes } from './media-types.ts'

const MAX_JSON = 4 * 1024 * 1024
const REF_NAME = 'org.opencontainers.image.ref.name'

/**
 * Read a small file (JSON) whole, with a size limit.
 *
 * @param files file access
 * @param path path to read
 * @param limit byte limit
 * @returns the bytes
 * @example
 * ```ts
 * import { readSmallFile, memoryFiles } from '@stowaway/pull'
 * await readSmallFile(memoryFiles(new Map([['a', new Uint8Array(1)]])), 'a')
 * ```
 */
export async function readSmallFile(files: FileAccess, path: string, limit = MAX_JSON): Promise<Uint8Array> {
  const f = await files.open(path)
  if (f.size > limit) throw new StowawayError('LIMIT_EXCEEDED', `Cannot read "${path}": ${f.size} bytes is over the ${limit} byte limit`)
  return readAllBytes(f.read(0, Infinity), limit)
}

/**
 * Which image of a layout to pick.
 *
 * @example
 * ```ts
 * const s: LayoutSelector = { tag: 'latest' }
 * ```
 */
export interface LayoutSelector {
  tag?: string
  digest?: string
}

const blobPath = (root: string, digest: string) => {
  const { algorithm, hex } = parseDigest(digest)
  return `${root ? `${root}/` : ''}blobs/${algorithm}/${hex}`
}

/**
 * A {@link ContentStore} over an OCI image layout (a directory, or the inside of an
 * archive). Picks the image by `org.opencontainers.image.ref.name` tag or by digest; with
 * neither, the only entry, or the platform that fits when the entries carry platforms.
 *
 * @param files access to the layout's files
 * @param root the layout directory within `files` ('' for an archive's top level)
 * @param selector tag or digest
 * @param name how to name the layout in messages
 * @returns the store and non-fatal warnings
 * @throws StowawayError `NOT_FOUND` (no such tag), `ARCHIVE_INVALID` (no index.json)
 * @example
 * ```ts
 * import { openOciLayout, resolveImage, type FileAccess } from '@stowaway/pull'
 * declare const files: FileAccess
 * const { store } = await openOciLayout(files, '/images/app', { tag: 'latest' }, 'oci:/images/app')
 * const image = await resolveImage(store, 'oci:/images/app:latest')
 * ```
 */
export async function openOciLayout(
  files: FileAccess,
  root: string,
  selector: LayoutSelector,
  name: string,
): Promise<{ store: ContentStore; warnings: Warning[] }> {
  const warnings: Warning[] = []
  const p = (rel: string) => (root ? `${root.replace(/\/+$/, '')}/${rel}` : rel)
  try {
    const marker = JSON.parse(new TextDecoder().decode(await readSmallFile(files, p('oci-layout'), 64 * 1024)))
    if (marker?.imageLayoutVersion !== '1.0.0') {
      warnings.push({ code: 'ARCHIVE_INVALID', message: `Cannot confirm layout version of ${name}: oci-layout says ${JSON.stringify(marker?.imageLayoutVersion)}` })
    }
  } catch (e) {
    warnings.push({ code: 'ARCHIVE_INVALID', message: `Cannot read oci-layout of ${name}: ${(e as Error).message}` })
  }
  let indexBytes: Uint8Array
  try {
    indexBytes = await readSmallFile(files, p('index.json'))
  } catch (e) {
    throw new StowawayError('ARCHIVE_INVALID', `Cannot read OCI layout ${name}: no readable index.json`, { cause: e })
  }
  const index = parseManifest(indexBytes, MediaTypes.ociIndex)
  if (index.kind !== 'index') throw new StowawayError('ARCHIVE_INVALID', `Cannot read OCI layout ${name}: index.json is not an image index`)
  let rootEntry: { bytes: Uint8Array; mediaType?: string; digest?: string } | Descriptor
  const tags = index.manifests.map((m) => m.annotations?.[REF_NAME]).filter((t): t is string => !!t)
  if (selector.digest) {
    const found = index.manifests.find((m) => m.digest === selector.digest)
    rootEntry = found ?? { mediaType: '', digest: selector.digest, size: -1 }
  } else if (selector.tag) {
    const found = index.manifests.filter((m) => m.annotations?.[REF_NAME] === selector.tag)
    if (found.length === 0) {
      throw new StowawayError('NOT_FOUND', `Cannot find tag "${selector.tag}" in ${name}: available ${tags.length ? tags.map((t) => `"${t}"`).join(', ') : 'none'}`)
    }
    rootEntry = found.length === 1 ? found[0]! : { bytes: indexBytes, mediaType: MediaTypes.ociIndex }
  } else if (index.manifests.length === 1) {
    rootEntry = index.manifests[0]!
  } else if (index.manifests.length > 0 && index.manifests.every((m) => m.platform)) {
    rootEntry = { bytes: indexBytes, mediaType: MediaTypes.ociIndex }
  } else {
    throw new StowawayError(
      'INVALID_ARGUMENT',
      `Cannot choose an image in ${name}: it holds ${index.manifests.length}; name one with :tag or @digest (tags ${tags.map((t) => `"${t}"`).join(', ') || 'none'})`,
    )
  }
  const store: ContentStore = {
    name,
    async root() {
      if ('bytes' in rootEntry) {
        const { bytes, mediaType } = rootEntry
        return mediaType ? { bytes, mediaType } : { bytes }
      }
      const d = rootEntry
      const bytes = await readSmallFile(files, p(blobPath('', d.digest)))
      verifyBytes(bytes, d.digest, 'manifest', undefined, d.size >= 0 ? d.size : undefined)
      return { bytes, digest: d.digest, ...(d.mediaType ? { mediaType: d.mediaType } : {}) }
    },
    async manifest(d) {
      return { bytes: await readSmallFile(files, p(blobPath('', d.digest))), mediaType: d.mediaType }
    },
    async blob(d, signal) {
      const f = await files.open(p(blobPath('', d.digest)))
      return f.read(0, Infinity, signal)
    },
  }
  return { store, warnings }
}
