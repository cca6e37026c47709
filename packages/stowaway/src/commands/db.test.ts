import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { mkdtempSync, readFileSync, existsSync, mkdirSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../cli.ts'
import { captureIo } from '../testing-io.ts'
import { sharedPath } from '../../../../test/support/shared.ts'

async function run(args: string[]) {
  const io = captureIo()
  const code = await main(args, io)
  return { code, out: io.out, err: io.err }
}

const vulndb = sharedPath('data/osv/golang__vulndb/data/osv')

function hasZip(): boolean {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// A local mirror serving a real all.zip (Info-ZIP over 40 golang/vulndb records) with an
// ETag, counting full downloads.
describe.skipIf(!vulndb || !hasZip())('stowaway db update', () => {
  let server: Server
  let base: string
  let downloads = 0
  let zip: Uint8Array
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swdump-'))
    const files = execFileSync('ls', [vulndb!], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.json')).slice(0, 40)
    mkdirSync(join(dir, 'src'))
    for (const f of files) copyFileSync(join(vulndb!, f), join(dir, 'src', f))
    execFileSync('zip', ['-q', '-r', join(dir, 'all.zip'), '.'], { cwd: join(dir, 'src') })
    zip = new Uint8Array(readFileSync(join(dir, 'all.zip')))
    server = createServer((req, res) => {
      if (req.url !== '/Go/all.zip') {
        res.writeHead(404).end()
        return
      }
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end()
        return
      }
      downloads++
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/zip' }).end(zip)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const addr = server.address() as { port: number }
    base = `http://127.0.0.1:${addr.port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('downloads, builds, then skips an unchanged dump by ETag', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'swupd-')), 'db')
    const first = await run(['db', 'update', '--ecosystem', 'Go', '--db', db, '--base-url', base])
    expect(first.code).toBe(0)
    expect(first.out).toContain(`Go: downloaded ${zip.length} bytes`)
    expect(first.out).toMatch(/Go\.zip: 1 files \(zip 1\), \d+ advisories ingested/)
    const second = await run(['db', 'update', '--ecosystem', 'Go', '--db', db, '--base-url', base])
    expect(second.out).toContain('Go: unchanged (ETag "v1")')
    expect(downloads).toBe(1)
    expect(existsSync(join(db, 'manifest.json'))).toBe(true)
    expect((await run(['db', 'info', '--db', db])).out).toMatch(/Go: \d+ advisories/)
  }, 60_000)

  it('says so clearly when offline and keeps the old DB', async () => {
    const r = await run(['db', 'update', '--ecosystem', 'Go', '--db', join(tmpdir(), 'swoffline'), '--base-url', 'http://127.0.0.1:9'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/Cannot update DB: http:\/\/127\.0\.0\.1:9\/Go\/all\.zip is unreachable \(offline\?\); the existing DB .* is kept \[NETWORK\]/)
  })
})
