import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * Parse a .NET `*.deps.json`: every `libraries` entry of type `package` (NuGet
 * packages; `project` and `reference` entries are the application's own assemblies).
 *
 * @param file the deps file
 * @returns its NuGet packages, or undefined when it is not a JSON object
 * @example
 * ```ts
 * import { parseDepsJson } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('{"libraries":{"Newtonsoft.Json/13.0.1":{"type":"package"}}}')
 * parseDepsJson({ path: 'app.deps.json', bytes })?.[0]?.purl // 'pkg:nuget/Newtonsoft.Json@13.0.1'
 * ```
 */
export function parseDepsJson(file: Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }): Package[] | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''))
  } catch {
    return undefined
  }
  if (!isObj(doc)) return undefined
  const out: Package[] = []
  if (!isObj(doc.libraries)) return out
  for (const [key, lib] of Object.entries(doc.libraries)) {
    if (!isObj(lib) || lib.type !== 'package') continue
    const slash = key.lastIndexOf('/')
    if (slash <= 0 || slash === key.length - 1) continue
    const name = key.slice(0, slash)
    const version = key.slice(slash + 1)
    const p: Package = {
      name,
      version,
      type: 'nuget',
      ecosystem: 'NuGet',
      purl: formatPurl({ type: 'nuget', name, version }),
      locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
    }
    if (typeof lib.sha512 === 'string' && lib.sha512) p.metadata = { sha512: lib.sha512 }
    const cpes = cpeCandidates(p)
    if (cpes.length) p.cpes = cpes
    out.push(p)
  }
  return out
}

/**
 * .NET applications' NuGet dependencies from `*.deps.json`. Garbage is a warning.
 *
 * @example
 * ```ts
 * import { dotnetDepsJsonCataloger } from '@stowaway/sbom'
 * dotnetDepsJsonCataloger.patterns // ['**\/*.deps.json']
 * ```
 */
export const dotnetDepsJsonCataloger: Cataloger = {
  name: 'dotnet-deps-json',
  patterns: ['**/*.deps.json'],
  maxFileBytes: 32 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    for (const path of ctx.tree.glob('**/*.deps.json')) {
      const f = ctx.tree.get(path)
      if (!f) continue
      const pkgs = parseDepsJson(f)
      if (!pkgs) ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not a JSON object`, path, layer: f.layer })
      else out.push(...pkgs)
    }
    return out
  },
}
