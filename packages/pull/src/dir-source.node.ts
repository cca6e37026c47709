import { lstat, opendir, readlink } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { StowawayError, iterateStream } from '@stowaway/core'
import type { ContentStore } from './content-store.ts'
import { digestBytes, nobleHashFactory } from './digest.ts'
import { MediaTypes } from './media-types.ts'
import { parsePlatform } from './platform.ts'
import { resolveImage } from './resolve-image.ts'
import { TAR_END, tarHeader, tarPadding } from './tar-writer.ts'
import type { PulledImage, PullOptions } from './types.ts'

// Walk depth-first in sorted order so two passes give byte-identical tars.
async function* walk(root: string, rel = ''): AsyncGenerator<Uint8Array> {
  const dir = await opendir(join(root, rel))
  const names: string[] = []
  for await (const d of dir) names.push(d.name)
  names.sort()
  for (const name of names) {
    const r = rel ? `${rel}/${name}` : name
    const full = join(root, r)
    const st = await lstat(full)
    const base = { name: r, mode: st.mode, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) }
    if (st.isDirectory()) {
      yield tarHeader({ ...base, type: '5', size: 0 })
      yield* walk(root, r)
    } else if (st.isSymbolicLink()) {
      yield tarHeader({ ...base, type: '2', size: 0, linkname: await readlink(full) })
    } else if (st.isFile()) {
      yield tarHeader({ ...base, type: '0', size: st.size })
      let n = 0
      for await (const c of createReadStream(full, { highWaterMark: 256 * 1024 })) {
        const b = c as Buffer
        // A file that grows while we read must not corrupt the archive.
        const take = Math.min(b.byteLength, st.size - n)
        if (take > 0) yield new Uint8Array(b.buffer, b.byteOffset, take)
        n += take
      }
      if (n < st.size) yield new Uint8Array(st.size - n)
      yield tarPadding(st.size)
    }
    // Sockets, devices and FIFOs are skipped: a scanner never needs their contents.
  }
}

const tarStream = (root: string) => {
  const it = walk(root)
  let ended = false
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      if (ended) return c.close()
      const r = await it.next()
      if (r.done) {
        ended = true
        c.enqueue(TAR_END)
      } else c.enqueue(r.value)
    },
    cancel: async () => void (await it.return(undefined)),
  })
}

/**
 * Read an unpacked root filesystem (`dir:<path>`) as a one-layer image: the directory is
 * tarred on the fly (sorted, deterministic), hashed once to learn its digest, and
 * streamed again on `openLayer`, so it is verified like any other layer.
 *
 * @param source `dir:<path>`
 * @param options pull options (`platform` sets the synthesised config's platform)
 * @returns the pulled image
 * @throws StowawayError `NOT_FOUND` when the path is not a directory
 * @example
 * ```ts
 * import { pullDirectory } from '@stowaway/pull'
 * const image = await pullDirectory('dir:/srv/rootfs')
 * ```
 */
export async function pullDirectory(source: string, options: PullOptions = {}): Promise<PulledImage> {
  const root = source.slice(4)
  const st = await lstat(root).catch((e) => {
    throw new StowawayError('NOT_FOUND', `Cannot read "${source}": ${(e as NodeJS.ErrnoException).code}`, { cause: e })
  })
  if (!st.isDirectory()) throw new StowawayError('NOT_FOUND', `Cannot read "${source}": not a directory`)
  const hash = options.hash ?? nobleHashFactory
  const h = hash('sha256')
  let size = 0
  for await (const c of iterateStream(tarStream(root))) {
    h.update(c)
    size += c.byteLength
  }
  const layerDigest = `sha256:${h.hex()}`
  const platform = typeof options.platform === 'string' ? parsePlatform(options.platform) : (options.platform ?? { os: 'linux', architecture: 'amd64' })
  const enc = new TextEncoder()
  const config = enc.encode(
    JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [layerDigest] }, config: {}, history: [{ created_by: `stowaway ${source}` }] }),
  )
  const configDigest = digestBytes(config, 'sha256', hash)
  const manifest = enc.encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociManifest,
      config: { mediaType: MediaTypes.ociConfig, digest: configDigest, size: config.byteLength },
      layers: [{ mediaType: MediaTypes.ociLayer, digest: layerDigest, size }],
    }),
  )
  const store: ContentStore = {
    name: `"${source}"`,
    root: async () => ({ bytes: manifest, mediaType: MediaTypes.ociManifest, digest: digestBytes(manifest, 'sha256', hash) }),
    manifest: async (d) => {
      throw new StowawayError('NOT_FOUND', `Cannot find manifest "${d.digest}" in "${source}"`)
    },
    blob: async (d) => {
      if (d.digest === configDigest) return new Response(config).body as ReadableStream<Uint8Array>
      return tarStream(root)
    },
  }
  return resolveImage(store, source, options)
}
