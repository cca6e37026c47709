import { describe, it, expect } from 'vitest'
import { cachedDbReader } from './shard-reader.ts'
import type { ShardUse } from './messages.ts'

// Minimal in-memory Cache API (Node has none): keyed by full URL, as the spec's
// default matching does (query included).
function memoryCaches(): CacheStorage & { store: Map<string, Map<string, Uint8Array>> } {
  const store = new Map<string, Map<string, Uint8Array>>()
  const open = async (name: string) => {
    let m = store.get(name)
    if (!m) store.set(name, (m = new Map()))
    const cache = {
      match: async (req: RequestInfo | URL) => {
        const b = m!.get(String(req instanceof Request ? req.url : req))
        return b ? new Response(b as BufferSource) : undefined
      },
      put: async (req: RequestInfo | URL, res: Response) => {
        m!.set(String(req instanceof Request ? req.url : req), new Uint8Array(await res.arrayBuffer()))
      },
      keys: async () => [...m!.keys()].map((u) => new Request(u)),
      delete: async (req: RequestInfo | URL) => m!.delete(String(req instanceof Request ? req.url : req)),
    }
    return cache as unknown as Cache
  }
  return Object.assign({ open, store } as unknown as CacheStorage, { store })
}

function server(files: Record<string, string>) {
  const log: string[] = []
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input))
    log.push(url.pathname + url.search)
    const body = files[url.pathname]
    return body === undefined ? new Response('no', { status: 404 }) : new Response(body)
  }) as typeof globalThis.fetch
  return { fetch, log }
}

const manifest = (sha: string) => JSON.stringify({ format: 'stowaway-db', version: 1, builtAt: 'x', sources: [], shards: [{ ecosystem: 'npm', key: 'npm', file: 'npm.swdb', bytes: 3, sha256: sha, advisories: 1, packages: 1 }] })

describe('cachedDbReader', () => {
  it('fetches a shard once, serves the next visit from the cache, and refetches when the manifest digest changes', async () => {
    const caches = memoryCaches()
    const files: Record<string, string> = { '/db/manifest.json': manifest('aaa'), '/db/npm.swdb': 'v1!' }
    const s = server(files)
    const uses: ShardUse[] = []
    const visit = async () => {
      const read = cachedDbReader('https://example.org/db/', { fetch: s.fetch, caches, onShard: (u) => uses.push(u) })
      await read('manifest.json')
      return new TextDecoder().decode(await read('npm.swdb'))
    }
    expect(await visit()).toBe('v1!')
    expect(await visit()).toBe('v1!')
    expect(s.log).toEqual(['/db/manifest.json', '/db/npm.swdb', '/db/manifest.json'])
    expect(uses.map((u) => u.cached)).toEqual([false, true])

    files['/db/manifest.json'] = manifest('bbb')
    files['/db/npm.swdb'] = 'v2!'
    expect(await visit()).toBe('v2!')
    expect(s.log.slice(3)).toEqual(['/db/manifest.json', '/db/npm.swdb'])
    // The old revision was dropped: one entry per shard path.
    expect([...caches.store.get('stowaway-db-v1')!.keys()]).toEqual(['https://example.org/db/npm.swdb?sha256=bbb'])
  })

  it('reads through without a Cache API and reports HTTP errors as NETWORK', async () => {
    const s = server({ '/db/manifest.json': manifest('aaa') })
    const read = cachedDbReader('https://example.org/db/', { fetch: s.fetch, caches: undefined })
    await read('manifest.json')
    await expect(read('npm.swdb')).rejects.toMatchObject({ code: 'NETWORK', message: 'Cannot fetch DB file "https://example.org/db/npm.swdb": HTTP 404' })
  })
})
