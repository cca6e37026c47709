import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { StowawayError } from '@stowaway/core'
import type { Inventory, Severity } from '@stowaway/core'
import { initVersionCore } from '@stowaway/version'
import {
  applyPolicy,
  failsOn,
  formatCycloneDxVex,
  formatJson,
  formatJunit,
  formatMarkdown,
  formatSarif,
  formatTable,
  matchInventory,
  parseIgnoreFile,
  parseSeverityList,
  parseVex,
} from '@stowaway/match'
import type { ScanReport, VexStatement } from '@stowaway/match'
import type { CliIo } from '../io.ts'
import { defaultDbDir, openDb } from './db-fs.ts'

const USAGE = `Usage: stowaway scan <image|oci:DIR|docker-archive:FILE|oci-archive:FILE|dir:PATH|sbom:FILE> [options]
  --db DIR|FILE           compiled DB: shard directory or single-file .stwdb bundle
                          (default $STOWAWAY_DB or ~/.cache/stowaway/db)
  --format F              table (default) | json | sarif | cyclonedx | junit | markdown
  --output FILE           write the report to FILE instead of stdout
  --severity LIST         keep only these severities, e.g. CRITICAL,HIGH
  --fail-on SEVERITY      exit 1 when a finding at or above SEVERITY remains
  --ignore-unfixed        drop findings that have no fix
  --ignore-file FILE      ignore rules (default ./.stowaway-ignore.yaml when present)
  --vex FILE              OpenVEX or CycloneDX VEX document (repeatable)
  --backend wasm|ts       matcher: batched WASM (default) or the TS reference
  --cpe MODE              CPE matching against NVD data: no-ecosystem (default) | all | off
  --platform OS/ARCH      platform to pick from a multi-platform image`

const FORMATS: Record<string, (r: ScanReport) => string> = {
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  cyclonedx: formatCycloneDxVex,
  junit: formatJunit,
  markdown: formatMarkdown,
}

/** Tool identity written into reports. */
export const TOOL = { name: 'stowaway', version: '0.1.0' }

async function inventoryFor(target: string, platform: string | undefined): Promise<Inventory> {
  if (target.startsWith('sbom:')) {
    const sbom = (await import('@stowaway/sbom')) as Record<string, unknown>
    const readSbom = sbom.readSbom as ((json: string) => Inventory) | undefined
    if (typeof readSbom !== 'function') throw new StowawayError('UNSUPPORTED', 'Cannot read SBOM: this build has no SBOM reader')
    const file = target.slice(5)
    return readSbom(await readFile(file, 'utf8'))
  }
  const { pullImage } = await import('@stowaway/pull')
  const sbom = (await import('@stowaway/sbom')) as Record<string, unknown>
  const scanToInventory = sbom.scanToInventory as ((image: unknown) => Promise<Inventory>) | undefined
  if (typeof scanToInventory !== 'function') throw new StowawayError('UNSUPPORTED', 'Cannot catalog image: this build has no cataloger')
  const image = await pullImage(target, platform ? ({ platform } as never) : {})
  return scanToInventory(image)
}

/**
 * `stowaway scan …`: catalog an image (or read an SBOM), match it against the
 * compiled DB, apply policy and print the report.
 *
 * @param argv arguments after `scan`
 * @param io output sinks
 * @returns 0 clean (or below `--fail-on`), 1 policy failure, 2 usage or input error
 */
export async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'table' },
      output: { type: 'string', short: 'o' },
      severity: { type: 'string' },
      'fail-on': { type: 'string' },
      'ignore-unfixed': { type: 'boolean', default: false },
      'ignore-file': { type: 'string' },
      vex: { type: 'string', multiple: true },
      backend: { type: 'string', default: 'wasm' },
      cpe: { type: 'string', default: 'no-ecosystem' },
      platform: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(USAGE + '\n')
    return 0
  }
  const known = Object.hasOwn(FORMATS, values.format!)
  const format = FORMATS[values.format!]!
  if (positionals.length !== 1 || !known) {
    io.stderr((known ? '' : `Unknown format "${values.format}"\n`) + USAGE + '\n')
    return 2
  }
  const cpe = values.cpe as 'off' | 'no-ecosystem' | 'all'
  if (!['off', 'no-ecosystem', 'all'].includes(cpe)) throw new StowawayError('INVALID_ARGUMENT', `Cannot parse --cpe: "${cpe}" is not off, no-ecosystem or all`)
  let severities: Severity[] | undefined
  if (values.severity) {
    severities = parseSeverityList(values.severity)
    if (!severities) throw new StowawayError('INVALID_ARGUMENT', `Cannot parse --severity: "${values.severity}" is not a list of CRITICAL, HIGH, MEDIUM, LOW, NEGLIGIBLE, UNKNOWN`)
  }
  let failOn: Severity | undefined
  if (values['fail-on']) {
    const s = parseSeverityList(values['fail-on'])
    if (!s || s.length !== 1) throw new StowawayError('INVALID_ARGUMENT', `Cannot parse --fail-on: "${values['fail-on']}" is not one severity`)
    failOn = s[0]
  }
  const ignorePath = values['ignore-file'] ?? (existsSync('.stowaway-ignore.yaml') ? '.stowaway-ignore.yaml' : undefined)
  const ignore = ignorePath ? parseIgnoreFile(await readFile(ignorePath, 'utf8')) : []
  const vex: VexStatement[] = []
  for (const f of values.vex ?? []) {
    let doc: unknown
    try {
      doc = JSON.parse(await readFile(f, 'utf8'))
    } catch (e) {
      throw new StowawayError('INVALID_ARGUMENT', `Cannot read VEX "${f}": not JSON`, { cause: e })
    }
    vex.push(...parseVex(doc))
  }

  const db = await openDb(values.db ?? defaultDbDir())
  const target = positionals[0]!
  const inv = await inventoryFor(target, values.platform)
  if (values.backend !== 'ts') await initVersionCore()
  const matched = await matchInventory(inv, db, { mode: values.backend === 'ts' ? 'reference' : 'batched', cpe })
  const policy = applyPolicy(matched.findings, { ...(severities ? { severities } : {}), ignoreUnfixed: values['ignore-unfixed'], ignore, vex })
  const report: ScanReport = {
    source: { name: inv.source?.name ?? target, ...(inv.source?.digest ? { digest: inv.source.digest } : {}) },
    ...(inv.distro ? { distro: inv.distro } : {}),
    findings: policy.findings,
    suppressed: policy.suppressed,
    warnings: [...inv.warnings, ...matched.warnings, ...policy.warnings],
    tool: TOOL,
    db: { builtAt: db.manifest.builtAt },
  }
  const text = values.format === 'table' ? formatTable(report, { color: io.isTTY && !values.output && !process.env.NO_COLOR }) : format(report)
  if (values.output) await writeFile(values.output, text)
  else io.stdout(text)
  for (const w of policy.warnings) io.stderr(`warning: ${w.message}\n`)
  return failOn && failsOn(policy.findings, failOn) ? 1 : 0
}
