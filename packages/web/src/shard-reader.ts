import { StowawayError } from '@stowaway/core'
import type { DbFileReader, DbManifest } from '@stowaway/match'
import type { ShardUse } from './messages.ts'

/**
 * Options of {@link cachedDbReader}.
 *
 * @example
 * ```ts
 * import type { CachedDbReaderOptions } from '@stowaway/web'
 * const o: CachedDbReaderOptions = { cacheName: 'stowaway-db' }
 * ```
 */
export interface CachedDbReaderOptions {
  /** Transport (default the global `fetch`). */
  fetch?: typeof fetch
  /** Cache API storage; default `globalThis.caches` when the context has one. */
  caches?: CacheStorage
  /** Cache name (default `stowaway-db-v1`). */
  cacheName?: string
  /** Called once per shard read, with its size and whether the cache served it. */
  onShard?: (use: ShardUse) => void
}

/**
 * A DB file reader over HTTP for `AdvisoryDb.open`: `manifest.json` is revalidated on
 * every visit, shards are kept in the Cache API under their SHA-256 from the manifest,
 * so the next visit reads unchanged shards without a request and a rebuilt DB is
 * fetched afresh. Without Cache API (insecure context, Deno) it reads through.
 *
 * @param base absolute URL of the DB directory (ending in `/`)
 * @param options transport, cache and a per-shard callback
 * @returns the reader
 * @throws {StowawayError} `NETWORK` (from the returned reader) when a file cannot be fetched
 * @example
 * ```ts
 * import { AdvisoryDb } from '@stowaway/match'
 * import { cachedDbReader } from '@stowaway/web'
 * const db = await AdvisoryDb.open(cachedDbReader(new URL('db/', location.href)))
 * ```
 */
export function cachedDbReader(base: URL | string, options: CachedDbReaderOptions = {}): DbFileReader {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const storage = options.caches ?? (typeof caches === 'undefined' ? undefined : caches)
  const cacheName = options.cacheName ?? 'stowaway-db-v1'
  const digests = new Map<string, string>()

  async function get(url: URL, init?: RequestInit): Promise<Response> {
    let res: Response
    try {
      res = await doFetch(url, init)
    } catch (e) {
      throw new StowawayError('NETWORK', `Cannot fetch DB file "${url.href}": ${(e as Error).message}`, { cause: e })
    }
    if (!res.ok) throw new StowawayError('NETWORK', `Cannot fetch DB file "${url.href}": HTTP ${res.status}`)
    return res
  }

  return async (name) => {
    const url = new URL(name, base)
    if (name === 'manifest.json') {
      const bytes = new Uint8Array(await (await get(url, { cache: 'no-cache' })).arrayBuffer())
      try {
        const m = JSON.parse(new TextDecoder().decode(bytes)) as DbManifest
        for (const s of m.shards ?? []) digests.set(s.file, s.sha256)
      } catch {
        // AdvisoryDb.open reports a manifest that is not JSON.
      }
      return bytes
    }
    const sha = digests.get(name)
    const key = sha ? new URL(`${url.pathname}?sha256=${sha}`, url) : undefined
    let cache: Cache | undefined
    try {
      cache = key && storage ? await storage.open(cacheName) : undefined
    } catch {
      cache = undefined // storage refused (e.g. opaque origin): read through
    }
    const hit = cache && key ? await cache.match(key) : undefined
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer())
      options.onShard?.({ file: name, bytes: bytes.length, cached: true })
      return bytes
    }
    const bytes = new Uint8Array(await (await get(url)).arrayBuffer())
    options.onShard?.({ file: name, bytes: bytes.length, cached: false })
    if (cache && key) {
      try {
        // Drop this shard's older revisions, then keep this one.
        for (const old of await cache.keys()) if (new URL(old.url).pathname === url.pathname) await cache.delete(old)
        await cache.put(key, new Response(bytes as BufferSource, { headers: { 'content-type': 'application/octet-stream' } }))
      } catch {
        // A full or refused cache only costs the next visit a download.
      }
    }
    return bytes
  }
}
