import { createReadStream, existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { StowawayError } from '@stowaway/core'
import type { CliIo } from '../io.ts'
import { defaultDbDir } from './db-fs.ts'

const USAGE = `Usage: stowaway serve-ui [--db DIR] [--port N] [--host ADDR] [--ui DIR]
  Serve the browser SBOM check page with a compiled DB on a loopback address.
  --db DIR     compiled DB directory, as written by "stowaway db build --out DIR" (default $STOWAWAY_DB or ~/.cache/stowaway/db)
  --port N     port (default 8686; 0 picks a free one)
  --host ADDR  address to listen on (default 127.0.0.1)
  --ui DIR     the built page (default packages/web/dist of this checkout)`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.swdb': 'application/octet-stream',
}

/**
 * The page's Content-Security-Policy, also sent as a header so the worker (which does
 * not inherit the page's meta policy) gets it: same-origin scripts, workers and
 * fetches only, and `wasm-unsafe-eval` for compiling the version core.
 *
 * @example
 * ```ts
 * import { UI_CSP } from './serve-ui.ts'
 * UI_CSP.includes("connect-src 'self'") // true
 * ```
 */
export const UI_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * The built page (`packages/web/dist`) of this checkout, from either the bundled CLI
 * (`packages/stowaway/dist`) or its source (`packages/stowaway/src/commands`).
 *
 * @returns the directory, or undefined when the page is not built
 * @example
 * ```ts
 * import { defaultUiDir } from './serve-ui.ts'
 * const dir = defaultUiDir() // …/packages/web/dist/ after `npm run build`
 * ```
 */
export function defaultUiDir(): string | undefined {
  for (const rel of ['../../web/dist/', '../../../web/dist/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url))
    if (existsSync(join(dir, 'index.html'))) return dir
  }
  return undefined
}

/**
 * A running UI server.
 *
 * @example
 * ```ts
 * import type { UiServer } from './serve-ui.ts'
 * declare const s: UiServer
 * await s.close()
 * ```
 */
export interface UiServer {
  /** `http://host:port/` */
  url: string
  close(): Promise<void>
}

// Map a URL path onto a file under root; undefined for anything outside it.
function under(root: string, urlPath: string): string | undefined {
  let p: string
  try {
    p = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (p.includes('\0')) return undefined
  const abs = resolve(root, '.' + (p.endsWith('/') ? p + 'index.html' : p))
  return abs === root || abs.startsWith(root.endsWith(sep) ? root : root + sep) ? abs : undefined
}

async function serveFile(req: IncomingMessage, res: ServerResponse, file: string | undefined): Promise<void> {
  const st = file ? await stat(file).catch(() => undefined) : undefined
  if (!file || !st?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n')
    return
  }
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`
  const headers = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    etag,
    'content-security-policy': UI_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end()
    return
  }
  res.writeHead(200, { ...headers, 'content-length': String(st.size) })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(file).pipe(res)
}

/**
 * Serve the page from `uiDir` and the DB from `dbDir` under `/db/`, GET and HEAD only.
 *
 * @param options directories and address
 * @returns the running server
 * @example
 * ```ts
 * import { startUiServer } from './serve-ui.ts'
 * const s = await startUiServer({ uiDir: 'packages/web/dist', dbDir: '.cache/db', port: 0 })
 * console.log(s.url)
 * await s.close()
 * ```
 */
export async function startUiServer(options: {
  uiDir: string
  dbDir: string
  port?: number
  host?: string
  /** Called for every request (tests count shard transfers with it). */
  onRequest?: (method: string, path: string) => void
}): Promise<UiServer> {
  const ui = resolve(options.uiDir)
  const db = resolve(options.dbDir)
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname
    options.onRequest?.(req.method, path)
    const file = path.startsWith('/db/') ? under(db, path.slice(3)) : under(ui, path)
    serveFile(req, res, file).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    })
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 8686, host, () => ok())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

/**
 * `stowaway serve-ui`: serve the browser SBOM check page and a compiled DB on a
 * loopback address until interrupted.
 *
 * @param argv arguments after `serve-ui`
 * @param io output sinks
 * @param until resolves when the server should stop (default: SIGINT or SIGTERM)
 * @returns 0 after a clean stop, 2 on a usage error
 * @example
 * ```ts
 * import { serveUiCommand } from './serve-ui.ts'
 * import { processIo } from '../cli.ts'
 * process.exitCode = await serveUiCommand(['--db', '.cache/db', '--port', '8686'], processIo())
 * ```
 */
export async function serveUiCommand(argv: string[], io: CliIo, until?: Promise<unknown>): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '8686' },
      host: { type: 'string', default: '127.0.0.1' },
      ui: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(USAGE + '\n')
    return 0
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`Cannot parse --port: "${values.port}" is not a port number\n${USAGE}\n`)
    return 2
  }
  const uiDir = values.ui ?? defaultUiDir()
  if (!uiDir || !existsSync(join(uiDir, 'index.html'))) {
    throw new StowawayError('NOT_FOUND', `Cannot serve the UI: no built page at "${uiDir ?? 'packages/web/dist'}" (run "npm run build")`)
  }
  const dbDir = values.db ?? defaultDbDir()
  if (!existsSync(join(dbDir, 'manifest.json'))) {
    throw new StowawayError('NOT_FOUND', `Cannot serve the DB: "${dbDir}/manifest.json" does not exist (run "stowaway db build --from … --out ${dbDir}")`)
  }
  const server = await startUiServer({ uiDir, dbDir, port, host: values.host })
  io.stdout(`Serving the SBOM check page at ${server.url} (DB ${dbDir}); press Ctrl-C to stop\n`)
  await (until ??
    new Promise<void>((ok) => {
      process.once('SIGINT', ok)
      process.once('SIGTERM', ok)
    }))
  await server.close()
  return 0
}
