import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { captureIo } from '../testing-io.ts'
import { serveUiCommand, startUiServer, UI_CSP } from './serve-ui.ts'
import type { UiServer } from './serve-ui.ts'

// Raw requests, so paths like /../ reach the server unnormalised (fetch would clean them).
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const u = new URL(url)
    const req = request({ host: u.hostname, port: u.port, path, method }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (body += d))
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

describe('serve-ui', () => {
  let root: string
  let server: UiServer
  const seen: string[] = []
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stowaway-serve-ui-'))
    mkdirSync(join(root, 'ui'))
    mkdirSync(join(root, 'db'))
    writeFileSync(join(root, 'ui/index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(root, 'ui/stowaway-version.wasm'), new Uint8Array([0, 97, 115, 109]))
    writeFileSync(join(root, 'db/manifest.json'), '{}')
    writeFileSync(join(root, 'db/npm.swdb'), 'SWDB')
    writeFileSync(join(root, 'secret.txt'), 'do not serve')
    server = await startUiServer({ uiDir: join(root, 'ui'), dbDir: join(root, 'db'), port: 0, onRequest: (_m, p) => seen.push(p) })
  })
  afterAll(async () => {
    await server?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('listens on loopback and serves the page, the WASM and the DB with their types and the CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await get(server.url, '/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toBe(UI_CSP)
    expect((await get(server.url, '/stowaway-version.wasm')).headers['content-type']).toBe('application/wasm')
    const shard = await get(server.url, '/db/npm.swdb')
    expect(shard.body).toBe('SWDB')
    expect((await get(server.url, '/db/manifest.json')).headers['content-type']).toBe('application/json')
    const head = await get(server.url, '/db/npm.swdb', 'HEAD')
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '4'])
    expect(seen).toContain('/db/npm.swdb')
  })

  it('refuses paths outside its directories, other methods and missing files', async () => {
    for (const p of ['/../secret.txt', '/db/../../secret.txt', '/%2e%2e/secret.txt', '/db/%2e%2e/%2e%2e/secret.txt', '/db/..%2f..%2fsecret.txt']) {
      const r = await get(server.url, p)
      expect(r.status, p).toBe(404)
      expect(r.body).not.toContain('do not serve')
    }
    expect((await get(server.url, '/db/nope.swdb')).status).toBe(404)
    expect((await get(server.url, '/', 'POST')).status).toBe(405)
  })

  it('the command rejects a bad port and a missing DB, and stops cleanly', async () => {
    const io = captureIo()
    expect(await serveUiCommand(['--port', 'x', '--ui', join(root, 'ui'), '--db', join(root, 'db')], io)).toBe(2)
    expect(io.err).toContain('Cannot parse --port: "x"')
    await expect(serveUiCommand(['--ui', join(root, 'ui'), '--db', join(root, 'none')], captureIo())).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const ok = captureIo()
    expect(await serveUiCommand(['--port', '0', '--ui', join(root, 'ui'), '--db', join(root, 'db')], ok, Promise.resolve())).toBe(0)
    expect(ok.out).toMatch(/Serving the SBOM check page at http:\/\/127\.0\.0\.1:\d+\//)
  })
})
