import { createInterface } from 'node:readline'
import { isStowawayError } from '@stowaway/core'
import type { CliIo } from './io.ts'

const HELP = `stowaway: find known vulnerabilities in container images

Commands:
  version compare|satisfies   order versions and test ranges in any supported ecosystem
  inspect IMAGE               print an image's manifest, config and layers as JSON (--platform, --username/--password, --plain-http)
  sbom IMAGE                  list an image's packages as CycloneDX, SPDX or JSON
  scan IMAGE|sbom:FILE        find known vulnerabilities; --fail-on, --format, --vex, ignore file
  db build|update|info        compile, refresh and describe the advisory DB
  serve-ui --db DIR           serve the browser SBOM check page and a DB on 127.0.0.1 (--port)
`

/** The process-backed {@link CliIo}. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    isTTY: Boolean(process.stdout.isTTY),
  }
}

/**
 * Run the CLI.
 *
 * @param argv arguments without `node` and the script
 * @param io output sinks (defaults to the process)
 * @returns the exit code
 * @example
 * ```ts
 * import { main } from 'stowaway/cli'
 * process.exitCode = await main(['version', 'compare', '--ecosystem', 'npm', '1.0.0', '1.0.1'])
 * ```
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [cmd, ...rest] = argv
  try {
    // Each command loads only its own stages: `inspect` never pays for the sbom and match
    // packages (or the WASM version core) at start-up.
    switch (cmd) {
      case 'inspect':
        return await (await import('./commands/inspect.ts')).inspectCommand(rest, io)
      case 'version':
        return await (await import('./commands/version.ts')).versionCommand(rest, io)
      case 'sbom':
        return await (await import('./commands/sbom.ts')).sbomCommand(rest, io)
      case 'scan':
        return await (await import('./commands/scan.ts')).scanCommand(rest, io)
      case 'db':
        return await (await import('./commands/db.ts')).dbCommand(rest, io)
      case 'serve-ui':
        return await (await import('./commands/serve-ui.ts')).serveUiCommand(rest, io)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP)
        return cmd === undefined ? 2 : 0
      default:
        io.stderr(`Unknown command "${cmd}"\n\n${HELP}`)
        return 2
    }
  } catch (e) {
    if (isStowawayError(e)) {
      io.stderr(`stowaway: ${e.message} [${e.code}]\n`)
      return 2
    }
    if (e instanceof TypeError && (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.stderr(`stowaway: ${e.message}\n`)
      return 2
    }
    throw e
  }
}
