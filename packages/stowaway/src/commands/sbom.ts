import { parseArgs } from 'node:util'
import { writeFile } from 'node:fs/promises'
import { StowawayError, type Inventory } from '@stowaway/core'
import * as extract from '@stowaway/extract'
import { pullImage } from '@stowaway/pull'
import { comparePackages, scanToInventory, writeCycloneDx, writeSpdx } from '@stowaway/sbom'
import type { CliIo } from '../io.ts'

const USAGE = `Usage:
  stowaway sbom <image|oci:DIR[:TAG]|docker-archive:FILE|oci-archive:FILE|dir:PATH> [options]

Options:
  --format F        cyclonedx-json (default), spdx-json or json
  --spec-version V  CycloneDX version: 1.6 (default) or 1.5
  --output FILE     write there instead of standard output
  --platform P      os/arch[/variant] of a multi-platform image (default linux/amd64)
  --plain-http      talk HTTP to a non-loopback registry`

const FORMATS = ['cyclonedx-json', 'spdx-json', 'json'] as const

/**
 * Render an inventory as Stowaway's own JSON: packages sorted, warnings kept.
 *
 * @param inv the inventory
 * @returns JSON text with a trailing newline
 */
export function inventoryJson(inv: Inventory): string {
  const out: Inventory = { ...inv, packages: [...inv.packages].sort(comparePackages) }
  return JSON.stringify(out, null, 2) + '\n'
}

/**
 * `stowaway sbom …`: pull an image (registry or local), catalog it and print an SBOM.
 *
 * @param argv arguments after `sbom`
 * @param io output sinks
 * @returns exit code: 0 ok, 2 usage or input error
 */
export async function sbomCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'cyclonedx-json' },
      'spec-version': { type: 'string', default: '1.6' },
      output: { type: 'string', short: 'o' },
      platform: { type: 'string' },
      'plain-http': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(USAGE + '\n')
    return 0
  }
  const format = values.format as (typeof FORMATS)[number]
  const spec = values['spec-version']
  if (positionals.length !== 1 || !FORMATS.includes(format) || (spec !== '1.6' && spec !== '1.5')) {
    io.stderr(USAGE + '\n')
    return 2
  }
  const source = positionals[0]!
  const image = await pullImage(source, {
    ...(values.platform ? { platform: values.platform } : {}),
    ...(values['plain-http'] ? { plainHttp: true } : {}),
  })
  // The Node build of extract adds native decoders (zstd on Node ≥ 22.15); absent elsewhere.
  const native = (extract as { nodeDecompressors?: () => extract.Decompressors }).nodeDecompressors?.()
  const inv = await scanToInventory(image, native ? { decompressors: native } : {})
  for (const w of inv.warnings) io.stderr(`warning: ${w.message}${w.layer ? ` [layer ${w.layer}]` : ''}\n`)
  const text =
    format === 'spdx-json' ? writeSpdx(inv) : format === 'json' ? inventoryJson(inv) : writeCycloneDx(inv, { specVersion: spec })
  if (values.output) {
    try {
      await writeFile(values.output, text)
    } catch (e) {
      throw new StowawayError('INVALID_ARGUMENT', `Cannot write "${values.output}": ${(e as Error).message}`, { cause: e })
    }
    io.stderr(`wrote ${inv.packages.length} packages to ${values.output}\n`)
  } else io.stdout(text)
  return 0
}
