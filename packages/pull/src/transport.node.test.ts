import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUndiciFetch } from './transport.node.ts'
import { loadUndiciAgent } from './undici-agent.node.ts'

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void

const listen = async (routes: Record<string, Route>) => {
  const seen: { url: string; method: string; headers: IncomingMessage['headers']; body: string }[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({ url: req.url!, method: req.method!, headers: req.headers, body })
      const route = routes[req.url!.split('?')[0]!]
      if (route) route(req, res, body)
      else res.writeHead(404).end('no route')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { server, base, seen }
}

describe('createUndiciFetch', () => {
  let a: Awaited<ReturnType<typeof listen>>
  let b: Awaited<ReturnType<typeof listen>>
  const t = createUndiciFetch({ bodyHighWaterMark: 64 * 1024 })
  const big = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 31) & 255)

  beforeAll(async () => {
    b = await listen({ '/target': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain' }).end('arrived') })
    a = await listen({
      '/hello': (_q, s) => s.writeHead(200, { 'content-type': 'application/json', 'x-two': ['1', '2'] }).end('{"hi":1}'),
      '/echo': (q, s, body) => s.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: q.headers['content-type'], body })),
      '/empty': (_q, s) => s.writeHead(204).end(),
      '/away': (_q, s) => s.writeHead(302, { location: `${b.base}/target` }).end(),
      '/post-away': (_q, s) => s.writeHead(303, { location: '/hello' }).end(),
      '/loop': (_q, s) => s.writeHead(307, { location: '/loop' }).end(),
      '/big': (_q, s) => s.writeHead(200, { 'content-length': String(big.byteLength) }).end(big),
      '/cut': (_q, s) => {
        s.writeHead(200, { 'content-length': '1000000' })
        s.write(new Uint8Array(1000))
        setTimeout(() => s.destroy(), 20)
      },
      '/slow': (_q, s) => {
        setTimeout(() => s.writeHead(200).end('late'), 2000)
      },
    })
  })
  afterAll(async () => {
    await t.close()
    a.server.closeAllConnections()
    b.server.closeAllConnections()
    await new Promise((r) => a.server.close(r))
    await new Promise((r) => b.server.close(r))
  })

  it('uses the Agent class undici itself exports', () => {
    const undici = createRequire(import.meta.url)('undici') as { Agent: unknown }
    expect(loadUndiciAgent()).toBe(undici.Agent)
  })

  it('returns status, headers and body as a fetch Response of the same exchange does', async () => {
    const res = await t.fetch(`${a.base}/hello`)
    const ref = await fetch(`${a.base}/hello`)
    expect(res.status).toBe(ref.status)
    expect(res.ok).toBe(true)
    expect(res.headers.get('Content-Type')).toBe(ref.headers.get('content-type'))
    expect(res.headers.get('x-two')).toBe(ref.headers.get('x-two'))
    expect(res.headers.get('x-none')).toBeNull()
    // Same names and values in the same order, except those that differ per response.
    const names = (h: Iterable<[string, string]>) => [...h].filter(([k]) => k !== 'date')
    expect(names(res.headers)).toEqual(names(ref.headers))
    expect(await res.json()).toEqual(await ref.json())
  })

  it('never loads the runtime Fetch classes (Headers, Response) on its way', async () => {
    const { execFile } = await import('node:child_process')
    const { promisify } = await import('node:util')
    const { build } = await import('esbuild')
    // A fresh process running this file bundled (Node 20 cannot load .ts): this one has long since loaded them.
    const outfile = fileURLToPath(new URL('../../../node_modules/.cache/stowaway-pull-test/transport.mjs', import.meta.url))
    await build({ entryPoints: [fileURLToPath(new URL('./transport.node.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', external: ['undici'], outfile, logLevel: 'silent' })
    // Asynchronously: the server answering the child runs in this process.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['-e', `
      import(${JSON.stringify(outfile)}).then(async ({ createUndiciFetch }) => {
        const t = createUndiciFetch()
        const r = await t.fetch(${JSON.stringify(`${a.base}/hello`)})
        const body = await r.text()
        await t.close()
        console.log(JSON.stringify({ body, loaded: process.moduleLoadList.includes('NativeModule internal/deps/undici/undici') }))
      })`], { encoding: 'utf8', timeout: 20_000 })
    expect(JSON.parse(out)).toEqual({ body: '{"hi":1}', loaded: false })
  })

  it('sends form bodies with the fetch default content type, and explicit ones unchanged', async () => {
    const form = await (await t.fetch(`${a.base}/echo`, { method: 'POST', body: new URLSearchParams({ a: 'b c' }) })).json()
    expect(form).toEqual({ type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'a=b+c' })
    const own = await (await t.fetch(`${a.base}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'x=1' })).json()
    expect(own).toEqual({ type: 'application/x-www-form-urlencoded', body: 'x=1' })
  })

  it('gives 204 a null body', async () => {
    const res = await t.fetch(`${a.base}/empty`)
    expect(res.status).toBe(204)
    expect(res.body).toBeNull()
  })

  it('returns redirects as they are with redirect: manual', async () => {
    const res = await t.fetch(`${a.base}/away`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`${b.base}/target`)
  })

  it('follows redirects by default without sending Authorization to another origin', async () => {
    const before = b.seen.length
    const res = await t.fetch(`${a.base}/away`, { headers: { Authorization: 'Bearer secret' } })
    expect(await res.text()).toBe('arrived')
    expect(b.seen.length).toBe(before + 1)
    expect(b.seen.at(-1)!.headers.authorization).toBeUndefined()
    expect(a.seen.filter((s) => s.url === '/away').at(-1)!.headers.authorization).toBe('Bearer secret')
  })

  it('turns a POST into a GET after 303', async () => {
    const res = await t.fetch(`${a.base}/post-away`, { method: 'POST', body: 'x' })
    expect(await res.json()).toEqual({ hi: 1 })
    expect(a.seen.at(-1)).toMatchObject({ url: '/hello', method: 'GET', body: '' })
  })

  it('rejects a redirect loop and redirect: error', async () => {
    await expect(t.fetch(`${a.base}/loop`)).rejects.toThrow(/more than 20 redirects/)
    await expect(t.fetch(`${a.base}/away`, { redirect: 'error' })).rejects.toThrow(TypeError)
  })

  it('streams a large body intact while the reader lags behind (the socket pauses, nothing is lost)', async () => {
    const res = await t.fetch(`${a.base}/big`)
    const reader = res.body!.getReader()
    let got = 0
    let same = true
    for (;;) {
      const r = await reader.read()
      if (r.done) break
      expect(r.value.constructor).toBe(Uint8Array)
      for (let i = 0; i < r.value.byteLength; i += 4099) if (r.value[i] !== big[got + i]) same = false
      got += r.value.byteLength
      if (got < 1024 * 1024) await new Promise((r) => setTimeout(r, 2))
    }
    expect(got).toBe(big.byteLength)
    expect(same).toBe(true)
  })

  it('errors the body when the connection is cut mid-body', async () => {
    const res = await t.fetch(`${a.base}/cut`)
    await expect(res.arrayBuffer()).rejects.toThrow()
  })

  it('rejects at once when the signal aborts before the headers', async () => {
    const ctrl = new AbortController()
    const t0 = Date.now()
    const p = t.fetch(`${a.base}/slow`, { signal: ctrl.signal })
    setTimeout(() => ctrl.abort(new Error('stop')), 50)
    await expect(p).rejects.toThrow('stop')
    expect(Date.now() - t0).toBeLessThan(1500)
  })

  it('cancelling a body ends the exchange and the pool keeps working', async () => {
    const res = await t.fetch(`${a.base}/big`)
    const reader = res.body!.getReader()
    await reader.read()
    await reader.cancel()
    expect(await (await t.fetch(`${a.base}/hello`)).json()).toEqual({ hi: 1 })
  })

  it('fails with a rejected promise when nothing listens', async () => {
    const s = createServer()
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    const port = (s.address() as AddressInfo).port
    await new Promise((r) => s.close(r))
    await expect(t.fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
  })
})
