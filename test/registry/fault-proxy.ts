// A fault-injecting HTTP proxy for the pull tests: sits between the client and a real
// registry, forwards everything, and applies the fault the test planned for a request.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  /** Answer with this status (and headers) instead of forwarding. */
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** Forward, send the headers (with Content-Length) and `after` body bytes, then drop the connection. */
  | { kind: 'cut'; after: number }
  /** Forward without Content-Length and end cleanly after `after` bytes. */
  | { kind: 'truncate'; after: number }
  /** Forward with one body byte flipped at `at`. */
  | { kind: 'corrupt'; at: number }
  /** Answer 307 to `location`. */
  | { kind: 'redirect'; location: string }
  /** Forward the request without its Authorization header (the registry then answers 401). */
  | { kind: 'strip-auth' }
  /** Forward the request without its Range header (as a server without range support would answer: 200, whole body). */
  | { kind: 'strip-range' }
  /** Send headers, then stall the body for `ms`; or with `beforeHeaders`, stall before answering. */
  | { kind: 'stall'; ms: number; beforeHeaders?: boolean }

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
}

export interface FaultProxy {
  /** host:port to use as the registry. */
  host: string
  seen: SeenRequest[]
  /** Requests whose response has not finished yet, and the most seen at once. */
  active: number
  maxActive: number
  /** Decide a fault for a request (n = 0-based count of requests so far); undefined forwards. */
  plan: (req: SeenRequest, n: number) => Fault | undefined
  close(): Promise<void>
}

/**
 * Start a proxy to `upstream` (host:port) on a free loopback port.
 *
 * @param upstream the real registry
 * @param listenHost the address to bind (127.0.0.1 by default; `localhost` URLs also reach it)
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const sockets = new Set<import('node:net').Socket>()
  const proxy: FaultProxy = {
    host: '',
    seen: [],
    active: 0,
    maxActive: 0,
    plan: () => undefined,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const seen: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } }
    const fault = proxy.plan(seen, proxy.seen.length)
    proxy.seen.push(seen)
    proxy.active++
    proxy.maxActive = Math.max(proxy.maxActive, proxy.active)
    res.on('close', () => proxy.active--)
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end('{"errors":[{"code":"INJECTED","message":"fault proxy"}]}')
      return
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(307, { location: fault.location, 'content-length': '0' }).end()
      return
    }
    const headers = { ...req.headers, host: upstream }
    if (fault?.kind === 'strip-auth') delete headers.authorization
    if (fault?.kind === 'strip-range') delete headers.range
    const forward = () => {
      const up = httpRequest(`http://${upstream}${req.url}`, { method: req.method, headers }, (ur) => {
        const h = { ...ur.headers }
        if (fault?.kind === 'truncate') delete h['content-length']
        res.writeHead(ur.statusCode ?? 502, h)
        let sent = 0
        if (fault?.kind === 'stall' && !fault.beforeHeaders) {
          res.flushHeaders()
          setTimeout(() => ur.pipe(res), fault.ms).unref()
          return
        }
        ur.on('data', (chunk: Buffer) => {
          let c = chunk
          if (fault?.kind === 'corrupt' && fault.at >= sent && fault.at < sent + c.length) {
            c = Buffer.from(c)
            c[fault.at - sent] ^= 0xff
          }
          if ((fault?.kind === 'cut' || fault?.kind === 'truncate') && sent + c.length >= fault.after) {
            res.write(c.subarray(0, fault.after - sent))
            sent = fault.after
            ur.destroy()
            if (fault.kind === 'cut') res.socket?.destroy()
            else res.end()
            return
          }
          sent += c.length
          res.write(c)
        })
        ur.on('end', () => res.end())
      })
      up.on('error', () => res.destroy())
      req.pipe(up)
    }
    if (fault?.kind === 'stall' && fault.beforeHeaders) setTimeout(forward, fault.ms).unref()
    else forward()
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  proxy.host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  return proxy
}
