// A CORS front for a registry, as a browser user would put in front of one (the
// `registryUrl` option): answers preflights, adds Access-Control-* headers, exposes the
// headers the client reads, and rewrites the bearer realm so token requests come back
// through it too (token services send no CORS headers either).
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CorsProxy {
  url: string
  close(): Promise<void>
}

/**
 * @param registry host:port of the registry
 * @param realm the realm URL the registry advertises
 */
export async function startCorsProxy(registry: string, realm: string): Promise<CorsProxy> {
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, accept, range, content-type',
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-expose-headers': 'www-authenticate, docker-content-digest, content-range, content-length, location, retry-after',
  }
  let self = ''
  const server: Server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end()
      return
    }
    const toRealm = req.url?.startsWith('/token')
    const target = toRealm ? `${realm}${req.url!.slice('/token'.length)}` : `http://${registry}${req.url}`
    const headers = { ...req.headers, host: new URL(target).host }
    delete headers.origin
    const up = httpRequest(target, { method: req.method, headers }, (ur) => {
      const h: Record<string, string | string[] | undefined> = { ...ur.headers, ...cors }
      const challenge = ur.headers['www-authenticate']
      if (typeof challenge === 'string') h['www-authenticate'] = challenge.replace(realm, `${self}/token`)
      res.writeHead(ur.statusCode ?? 502, h)
      ur.pipe(res)
    })
    up.on('error', () => res.destroy())
    req.pipe(up)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url: self, close: () => new Promise<void>((r) => server.close(() => r())) }
}
