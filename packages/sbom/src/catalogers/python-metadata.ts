import type { Package } from '@stowaway/core'
import type { Cataloger } from '../cataloger.ts'
import { listZipMembers, readZipMember } from '@stowaway/core'
import { pypiPackage } from './python-package.ts'

/**
 * What Stowaway keeps from a core-metadata file (`METADATA`, `PKG-INFO`).
 *
 * @example
 * ```ts
 * import type { PythonMetadata } from '@stowaway/sbom'
 * const m: PythonMetadata = { name: 'pip', version: '22.2.2', licenses: ['MIT'] }
 * ```
 */
export interface PythonMetadata {
  name: string
  version: string
  licenses: string[]
  author?: string
  homePage?: string
}

/**
 * Parse Python core metadata (RFC 822-style headers, as in `*.dist-info/METADATA` and
 * `PKG-INFO`). Keys are case-insensitive, the first occurrence of a key wins, the body
 * after the first blank line is ignored, and lines that are not `Key: value` are
 * skipped. Licenses come from `License-Expression`, else `License` (one line, not
 * `UNKNOWN`), else `License ::` classifiers.
 *
 * @param text the file's text
 * @returns name, version and licenses, or undefined when Name or Version is missing
 * @example
 * ```ts
 * import { parsePythonMetadata } from '@stowaway/sbom'
 * parsePythonMetadata('Metadata-Version: 2.1\nName: pip\nVersion: 22.2.2\n')?.version // '22.2.2'
 * ```
 */
export function parsePythonMetadata(text: string): PythonMetadata | undefined {
  const fields = new Map<string, string>()
  const classifiers: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break
    if (/^\s/.test(line)) continue
    const m = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(line)
    if (!m) continue
    const key = m[1]!.toLowerCase()
    const value = m[2]!.trim()
    if (key === 'classifier') classifiers.push(value)
    else if (!fields.has(key)) fields.set(key, value)
  }
  const name = fields.get('name')
  const version = fields.get('version')
  if (!name || !version) return undefined
  let licenses: string[] = []
  const expr = fields.get('license-expression')
  const lic = fields.get('license')
  if (expr) licenses = [expr]
  else if (lic && lic.toUpperCase() !== 'UNKNOWN' && lic.length < 200) licenses = [lic]
  else {
    for (const c of classifiers) {
      const parts = c.split('::').map((s) => s.trim())
      if (parts[0] === 'License' && parts.length > 2) licenses.push(parts[parts.length - 1]!)
    }
  }
  const out: PythonMetadata = { name, version, licenses }
  const author = fields.get('author')
  if (author) out.author = author
  const home = fields.get('home-page')
  if (home) out.homePage = home
  return out
}

const PATTERNS = ['**/*.dist-info/METADATA', '**/*.egg-info/PKG-INFO', '**/*.egg-info', '**/EGG-INFO/PKG-INFO', '**/*.egg']

// A zipped egg keeps its metadata at EGG-INFO/PKG-INFO inside the archive.
async function eggMetadata(bytes: Uint8Array): Promise<string | undefined> {
  const m = listZipMembers(bytes).find((x) => x.name === 'EGG-INFO/PKG-INFO')
  return m && new TextDecoder().decode(await readZipMember(bytes, m, 1024 * 1024))
}

/**
 * Installed Python distributions: `*.dist-info/METADATA` (wheels, pip), `*.egg-info`
 * directories' `PKG-INFO` and single-file `*.egg-info` (distro packages), and eggs'
 * `EGG-INFO/PKG-INFO`, unpacked or inside a zipped `*.egg`. A file without Name or
 * Version, or a corrupt egg, is a warning.
 *
 * @example
 * ```ts
 * import { pythonMetadataCataloger } from '@stowaway/sbom'
 * pythonMetadataCataloger.name // 'python-metadata'
 * ```
 */
export const pythonMetadataCataloger: Cataloger = {
  name: 'python-metadata',
  patterns: PATTERNS,
  maxFileBytes: 8 * 1024 * 1024,
  async catalog(ctx) {
    const out: Package[] = []
    const paths = new Set(PATTERNS.flatMap((p) => ctx.tree.glob(p)))
    for (const path of [...paths].sort()) {
      const f = ctx.tree.get(path)
      if (!f) continue
      let text: string | undefined
      if (path.endsWith('.egg')) {
        try {
          text = await eggMetadata(f.bytes)
        } catch (e) {
          ctx.warn({ code: 'ARCHIVE_INVALID', message: `${e instanceof Error ? e.message : String(e)} (in "${path}")`, path, layer: f.layer })
          continue
        }
        // An egg without metadata is no installed distribution we can name.
        if (text === undefined) continue
      } else text = new TextDecoder().decode(f.bytes)
      const m = parsePythonMetadata(text)
      if (!m) {
        ctx.warn({ code: 'SBOM_INVALID', message: `Cannot read Python metadata "${path}": no Name or Version`, path, layer: f.layer })
        continue
      }
      const metadata: Record<string, unknown> = {}
      if (m.author) metadata.author = m.author
      if (m.homePage) metadata.homePage = m.homePage
      out.push(pypiPackage(m.name, m.version, f, { licenses: m.licenses, metadata }))
    }
    return out
  },
}
