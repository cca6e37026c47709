import { StowawayError } from '@stowaway/core'
import { AdvisoryDb } from './db.ts'

/**
 * Open a compiled DB published at a URL (a static file host or CDN). Only
 * `manifest.json` is fetched up front; each shard is fetched the first time a scan
 * needs its ecosystem. Requests go through the normal HTTP cache, so unchanged shards
 * are not downloaded again (shard checksums are verified on every load anyway).
 *
 * @param base URL of the directory holding `manifest.json` (trailing slash optional)
 * @param options injected `fetch` (default `globalThis.fetch`) and an abort signal
 * @returns the opened DB
 * @throws {StowawayError} `NETWORK` when a file cannot be fetched, `DB_INVALID` for a bad manifest
 * @example
 * ```ts
 * import { openDbUrl, matchInventory } from '@stowaway/match'
 * const db = await openDbUrl('https://example.org/stowaway-db/')
 * ```
 */
export function openDbUrl(base: string | URL, options: { fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<AdvisoryDb> {
  const root = new URL(String(base).endsWith('/') ? String(base) : `${base}/`)
  const f = options.fetch ?? globalThis.fetch.bind(globalThis)
  return AdvisoryDb.open(async (name) => {
    const url = new URL(name, root)
    let res: Response
    try {
      res = await f(url, options.signal ? { signal: options.signal } : {})
    } catch (e) {
      throw new StowawayError('NETWORK', `Cannot fetch DB file "${url}": ${(e as Error).message}`, { cause: e })
    }
    if (!res.ok) throw new StowawayError('NETWORK', `Cannot fetch DB file "${url}": HTTP ${res.status}`)
    return new Uint8Array(await res.arrayBuffer())
  })
}
