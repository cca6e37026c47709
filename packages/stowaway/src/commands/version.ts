import { parseArgs } from 'node:util'
import { StowawayError } from '@stowaway/core'
import { compareVersions, initVersionCore, satisfies, schemeForEcosystem, getVersionBackend } from '@stowaway/version'
import type { CliIo } from '../io.ts'

const USAGE = `Usage:
  stowaway version compare --ecosystem E A B       prints <, = or >
  stowaway version compare --ecosystem E --batch   reads "A<TAB>B" lines from stdin
  stowaway version satisfies --ecosystem E VERSION RANGE   prints true or false`

const SYMBOL = { '-1': '<', '0': '=', '1': '>' } as const

/**
 * `stowaway version …`: compare versions and test ranges from the shell.
 *
 * @param argv arguments after `version`
 * @param io output sinks
 * @returns exit code: 0 ok, 2 usage or input error
 */
export async function versionCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      ecosystem: { type: 'string', short: 'e' },
      batch: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'wasm' },
    },
  })
  const eco = values.ecosystem
  if (!eco || (sub !== 'compare' && sub !== 'satisfies')) {
    io.stderr(USAGE + '\n')
    return 2
  }
  schemeForEcosystem(eco)
  if (values.backend !== 'ts') await initVersionCore()
  if (sub === 'compare' && values.batch) return compareBatch(eco, io)
  if (positionals.length !== 2) {
    io.stderr(USAGE + '\n')
    return 2
  }
  const [a, b] = positionals as [string, string]
  if (sub === 'compare') {
    io.stdout(SYMBOL[String(compareVersions(eco, a, b)) as '-1' | '0' | '1'] + '\n')
    return 0
  }
  io.stdout(String(satisfies(eco, a, b)) + '\n')
  return 0
}

// Reads pairs in chunks so a million lines cost a few hundred WASM calls.
async function compareBatch(eco: string, io: CliIo): Promise<number> {
  const backend = getVersionBackend()
  const { schemeForEcosystem: scheme } = await import('@stowaway/version')
  const s = scheme(eco)
  const CHUNK = 8192
  let as: string[] = []
  let bs: string[] = []
  let lineNo = 0
  let bad = 0
  const malformed = new Map<number, string>()
  const flush = () => {
    const r = backend.compareMany(s, as, bs)
    let out = ''
    for (let i = 0; i < r.length; i++) {
      const code = r[i]!
      const at = lineNo - as.length + i + 1
      if (malformed.has(at)) {
        out += '!\n'
        io.stderr(`line ${at}: ${malformed.get(at)}\n`)
        bad++
      } else if (code === 2 || code === 3) {
        out += '!\n'
        io.stderr(`line ${at}: "${code === 2 ? as[i] : bs[i]}" is not a valid ${eco} version\n`)
        bad++
      } else out += SYMBOL[String(code) as '-1' | '0' | '1'] + '\n'
    }
    io.stdout(out)
    as = []
    bs = []
    malformed.clear()
  }
  for await (const line of io.stdinLines()) {
    lineNo++
    const tab = line.indexOf('\t')
    if (tab < 0) {
      malformed.set(lineNo, 'expected "A<TAB>B"')
      as.push('')
      bs.push('')
    } else {
      as.push(line.slice(0, tab))
      bs.push(line.slice(tab + 1))
    }
    if (as.length >= CHUNK) flush()
  }
  if (as.length > 0) flush()
  return bad > 0 ? 1 : 0
}

export { StowawayError }
