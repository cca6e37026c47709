// Real registries for the pull tests: Debian's docker-registry (CNCF distribution) three
// times on free loopback ports — no auth, htpasswd basic auth, and token auth whose realm
// is ../shared/images/debian/token-server.js behind a small OAuth2 front (refresh-token
// grant, which token-server.js lacks). The three share one storage directory, filled once
// with `skopeo copy` of the Debian image's four tags. Every process started here is
// stopped by its own PID in stop().
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { closeSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedPath } from '../support/shared.ts'
import type { DebianImage } from '../support/debian-image.ts'

const execFileAsync = promisify(execFile)

export const USER = 'scanner'
export const PASSWORD = 'scanner-secret'
export const REFRESH_TOKEN = 'stowaway-test-refresh-token'
export const REPO = 'fixtures/debian-app'
export const TAGS = ['latest', 'v2s2', 'zstd', 'multiarch'] as const

export interface Registries {
  plain: string
  basic: string
  token: string
  /** The realm URL the token registry advertises (the OAuth2 front). */
  realm: string
  dir: string
  stop(): Promise<void>
}

/** A free TCP port on 127.0.0.1 (closed again before it is used). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string, ok: (status: number) => boolean, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (proc.exitCode !== null) throw new Error(`process for ${url} exited (${proc.exitCode}): ${log()}`)
    try {
      const r = await fetch(url)
      await r.arrayBuffer()
      if (ok(r.status)) return
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not come up: ${log()}`)
}

function registryConfig(dir: string, port: number, auth: string): string {
  return `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${dir}/storage
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:${port}
  secret: stowaway-test-${port}
${auth}`
}

// POST realm (grant_type=refresh_token) → GET on token-server.js with the test credentials;
// GET is passed through unchanged.
function oauthFront(tokenServer: string): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const headers: Record<string, string> = {}
      if (req.method === 'POST') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString())
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== REFRESH_TOKEN) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}')
          return
        }
        url.search = ''
        for (const k of ['service', 'scope']) for (const v of form.getAll(k)) for (const s of v.split(' ')) url.searchParams.append(k, s)
        headers.authorization = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64')
      } else if (req.headers.authorization) headers.authorization = req.headers.authorization
      const up = httpRequest(`${tokenServer}${url.pathname}${url.search}`, { headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
      })
      up.on('error', () => res.writeHead(502).end())
      up.end()
    })
  })
}

/**
 * Start the three registries and push the Debian image's tags.
 *
 * @param image the built Debian image (ensureDebianImage())
 */
export async function startRegistries(image: DebianImage): Promise<Registries> {
  const tokenJs = sharedPath('images/debian/token-server.js')
  if (!tokenJs) throw new Error('token-server.js is missing')
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-registries-'))
  mkdirSync(join(dir, 'storage'))
  const procs: ChildProcess[] = []
  const servers: Server[] = []
  const logs = new Map<ChildProcess, string>()
  // Logs go to files: a pipe nobody drains while a sync call blocks the loop would stall the registry.
  const launch = (cmd: string, args: string[]) => {
    const logFile = join(dir, `${procs.length}-${cmd.replace(/\W/g, '')}.log`)
    const fd = openSync(logFile, 'a')
    const p = spawn(cmd, args, { stdio: ['ignore', fd, fd] })
    closeSync(fd)
    logs.set(p, logFile)
    procs.push(p)
    return p
  }
  const tail = (p: ChildProcess) => {
    try {
      return readFileSync(logs.get(p)!, 'utf8').slice(-2000)
    } catch {
      return ''
    }
  }
  const stop = async () => {
    for (const s of servers) s.close()
    for (const p of procs) {
      if (p.exitCode === null && p.pid) {
        const gone = new Promise((r) => p.once('exit', r))
        p.kill('SIGTERM')
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))])
        if (p.exitCode === null) p.kill('SIGKILL')
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const [plainPort, basicPort, tokenPort, tokenServerPort, frontPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()]
    execFileSync('sh', ['-c', `htpasswd -Bbn '${USER}' '${PASSWORD}' > '${dir}/htpasswd'`])
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${dir}/token.key`, '-out', `${dir}/token.crt`, '-days', '2', '-subj', '/CN=stowaway-test-issuer'], {
      stdio: 'ignore',
    })
    const tokenServer = launch('node', [tokenJs, '--port', String(tokenServerPort), '--key', `${dir}/token.key`, '--cert', `${dir}/token.crt`, '--issuer', 'stowaway-test-issuer', '--service', 'stowaway-test-registry', '--user', USER, '--password', PASSWORD])
    const front = oauthFront(`http://127.0.0.1:${tokenServerPort}`)
    servers.push(front)
    await new Promise<void>((r) => front.listen(frontPort, '127.0.0.1', r))
    const realm = `http://127.0.0.1:${frontPort}/token`
    const cfgs: [number, string][] = [
      [plainPort, ''],
      [basicPort, `auth:\n  htpasswd:\n    realm: stowaway-test\n    path: ${dir}/htpasswd\n`],
      [tokenPort, `auth:\n  token:\n    realm: ${realm}\n    service: stowaway-test-registry\n    issuer: stowaway-test-issuer\n    rootcertbundle: ${dir}/token.crt\n`],
    ]
    const regs = cfgs.map(([port, auth]) => {
      writeFileSync(`${dir}/registry-${port}.yml`, registryConfig(dir, port, auth))
      return launch('docker-registry', ['serve', `${dir}/registry-${port}.yml`])
    })
    await waitFor(`http://127.0.0.1:${tokenServerPort}/token`, (s) => s === 401, tokenServer, () => tail(tokenServer))
    for (let i = 0; i < 3; i++) await waitFor(`http://127.0.0.1:${cfgs[i]![0]}/v2/`, (s) => s === 200 || s === 401, regs[i]!, () => tail(regs[i]!))
    const dest = `docker://127.0.0.1:${plainPort}/${REPO}`
    const copy = (...args: string[]) => execFileAsync('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', ...args], { timeout: 120_000 })
    await copy(`oci:${image.out}/oci:latest`, `${dest}:latest`)
    await copy('--format', 'v2s2', `oci:${image.out}/oci:latest`, `${dest}:v2s2`)
    await copy(`oci:${image.out}/oci-zstd:latest`, `${dest}:zstd`)
    await copy('--all', `oci:${image.out}/oci-multiarch:latest`, `${dest}:multiarch`)
    return {
      plain: `127.0.0.1:${plainPort}`,
      basic: `127.0.0.1:${basicPort}`,
      token: `127.0.0.1:${tokenPort}`,
      realm,
      dir,
      stop,
    }
  } catch (e) {
    await stop()
    throw e
  }
}

/** `skopeo inspect` of a registry image (what the registry reports, independent of our client). */
export async function skopeoInspect(ref: string, creds?: string, raw = false): Promise<any> {
  const { stdout } = await execFileAsync('skopeo', ['inspect', '--tls-verify=false', ...(creds ? ['--creds', creds] : []), ...(raw ? ['--raw'] : []), `docker://${ref}`], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return JSON.parse(stdout)
}
