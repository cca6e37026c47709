import { parseArgs } from 'node:util'
import { iterateStream } from '@stowaway/core'
import { pullImage, type Credentials, type PulledImage, type PullOptions, type PullProgress } from '@stowaway/pull'
import type { CliIo } from '../io.ts'

const USAGE = `Usage:
  stowaway inspect IMAGE [--platform os/arch[/variant]] [--username U --password P] [--plain-http]
                         [--timeout MS] [--verify]
  IMAGE: registry reference (alpine, ghcr.io/o/r:tag, host:port/r@sha256:…),
         oci:DIR[:tag|@digest], docker-archive:FILE[:repo:tag], oci-archive:FILE[:tag], dir:PATH
  Credentials: --username/--password, else STOWAWAY_USERNAME/STOWAWAY_PASSWORD, else
  ~/.docker/config.json ($DOCKER_CONFIG) with its credential helpers.
  --verify downloads every layer and checks its digest (progress bar on a terminal).`

/**
 * The JSON document `stowaway inspect` prints.
 *
 * @example
 * ```ts
 * const doc: InspectOutput = JSON.parse(output)
 * doc.layers.map((l) => l.diffId)
 * ```
 */
export interface InspectOutput {
  source: string
  reference?: string
  manifestDigest: string
  indexDigest?: string
  mediaType: string
  platform: PulledImage['platform']
  configDigest: string
  config: {
    os: string
    architecture: string
    variant?: string
    created?: string
    author?: string
    env: string[]
    entrypoint: string[] | null
    cmd: string[] | null
    workingDir?: string
    user?: string
    labels: Record<string, string>
    history: NonNullable<PulledImage['config']['history']>
  }
  layers: { digest: string; diffId?: string; mediaType: string; size: number }[]
  warnings: PulledImage['warnings']
}

/**
 * The inspect document for a pulled image.
 *
 * @param image the pulled image
 * @returns a JSON-ready summary
 * @example
 * ```ts
 * import { pullImage } from '@stowaway/pull'
 * import { describeImage } from './inspect.ts'
 * console.log(JSON.stringify(describeImage(await pullImage('oci:./layout'))))
 * ```
 */
export function describeImage(image: PulledImage): InspectOutput {
  const c = image.config
  const cc = c.config ?? {}
  return {
    source: image.source,
    ...(image.reference ? { reference: image.reference } : {}),
    manifestDigest: image.manifestDigest,
    ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
    mediaType: image.mediaType,
    platform: image.platform,
    configDigest: image.configDigest,
    config: {
      os: c.os,
      architecture: c.architecture,
      ...(c.variant ? { variant: c.variant } : {}),
      ...(c.created ? { created: c.created } : {}),
      ...(c.author ? { author: c.author } : {}),
      env: cc.Env ?? [],
      entrypoint: cc.Entrypoint ?? null,
      cmd: cc.Cmd ?? null,
      ...(cc.WorkingDir ? { workingDir: cc.WorkingDir } : {}),
      ...(cc.User ? { user: cc.User } : {}),
      labels: cc.Labels ?? {},
      history: c.history ?? [],
    },
    layers: image.layers.map((l) => ({ digest: l.digest, ...(l.diffId ? { diffId: l.diffId } : {}), mediaType: l.mediaType, size: l.size })),
    warnings: image.warnings,
  }
}

const mib = (n: number) => (n / 1048576).toFixed(1)

/**
 * A progress sink that draws one line per layer on a TTY (stderr, redrawn at most every
 * 100 ms) and stays silent otherwise, so piped output and logs carry no control codes.
 *
 * @param io CLI sinks
 * @param layers number of layers
 * @returns an `onProgress` callback and `done()` to finish the line
 * @example
 * ```ts
 * import { progressBar } from './inspect.ts'
 * declare const io: import('../io.ts').CliIo
 * const bar = progressBar(io, 3)
 * bar.onProgress({ index: 0, digest: 'sha256:…', bytes: 10, total: 100 })
 * bar.done()
 * ```
 */
export function progressBar(io: CliIo, layers: number): { onProgress: (e: PullProgress) => void; done: () => void } {
  if (!io.isTTY) return { onProgress: () => {}, done: () => {} }
  let last = 0
  let line = ''
  const draw = (e: PullProgress) => {
    const frac = e.total > 0 ? Math.min(1, e.bytes / e.total) : 0
    const width = 30
    const filled = Math.round(frac * width)
    line = `layer ${e.index + 1}/${layers} ${e.digest.slice(7, 19)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${mib(e.bytes)}/${e.total >= 0 ? mib(e.total) : '?'} MiB`
    io.stderr(`\r\x1b[2K${line}`)
  }
  return {
    onProgress(e) {
      const now = Date.now()
      if (now - last < 100 && e.bytes !== e.total) return
      last = now
      draw(e)
    },
    done: () => {
      if (line) io.stderr('\n')
    },
  }
}

/**
 * `stowaway inspect IMAGE`: print the resolved image as JSON.
 *
 * @param argv arguments after `inspect`
 * @param io output sinks
 * @param env environment (STOWAWAY_USERNAME / STOWAWAY_PASSWORD)
 * @returns exit code: 0 ok, 2 usage or input error
 * @example
 * ```ts
 * import { inspectCommand } from './inspect.ts'
 * declare const io: import('../io.ts').CliIo
 * await inspectCommand(['oci:./layout:latest'], io)
 * ```
 */
export async function inspectCommand(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      platform: { type: 'string' },
      username: { type: 'string', short: 'u' },
      password: { type: 'string', short: 'p' },
      'plain-http': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      verify: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(USAGE + '\n')
    return 0
  }
  if (positionals.length !== 1) {
    io.stderr(USAGE + '\n')
    return 2
  }
  const username = values.username ?? env.STOWAWAY_USERNAME
  const password = values.password ?? env.STOWAWAY_PASSWORD
  if ((username === undefined) !== (password === undefined)) {
    io.stderr('stowaway: give both --username and --password (or STOWAWAY_USERNAME and STOWAWAY_PASSWORD)\n')
    return 2
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout)
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    io.stderr(`stowaway: --timeout must be a positive number of milliseconds, got "${values.timeout}"\n`)
    return 2
  }
  const options: PullOptions = {
    ...(values.platform ? { platform: values.platform } : {}),
    ...(username !== undefined ? { auth: { username, password: password! } satisfies Credentials } : {}),
    ...(values['plain-http'] ? { plainHttp: true } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  }
  let bar: ReturnType<typeof progressBar> | undefined
  const image = await pullImage(positionals[0]!, {
    ...options,
    onProgress: (e) => bar?.onProgress(e),
  })
  if (values.verify) {
    bar = progressBar(io, image.layers.length)
    try {
      for await (const blob of image.blobs()) for await (const _ of iterateStream(blob.body));
    } finally {
      bar.done()
    }
  }
  io.stdout(JSON.stringify(describeImage(image), null, 2) + '\n')
  return 0
}
