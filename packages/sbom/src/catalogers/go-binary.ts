import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger, CatalogContext } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { isTruncatedElf, readGoBuildInfo, type GoBuildInfo } from './go-buildinfo.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

/**
 * Where the Go and Rust binary catalogers look for executables: the image root, the
 * usual install directories (`usr/local/bin`, `app`, `ko-app`, `opt/…/bin`, Go's own
 * `bin` directories) and `bin`/`sbin` (real directories in busybox and scratch-based
 * images; a symlink to `usr/bin` on merged-usr distros, where they match nothing).
 * `usr/bin` and `usr/sbin` are left out on purpose: binaries there come from OS packages
 * the OS catalogers already report, and buffering all of them (25 MB on a Debian base)
 * would weigh on the extract stage's memory budget.
 *
 * @example
 * ```ts
 * import { GO_BINARY_PATTERNS } from '@stowaway/sbom'
 * GO_BINARY_PATTERNS.includes('usr/local/bin/*') // true
 * ```
 */
export const GO_BINARY_PATTERNS = [
  '*',
  'app/*',
  'ko-app/*',
  'usr/local/bin/*',
  'usr/local/sbin/*',
  'usr/local/go/bin/*',
  'usr/local/go/pkg/tool/*/*',
  'go/bin/*',
  'root/go/bin/*',
  'home/*/go/bin/*',
  'opt/**/bin/*',
  'opt/*/*',
  'bin/*',
  'sbin/*',
]

const goPurl = (path: string, version: string) => {
  const segs = path.split('/')
  const name = segs.pop()!
  return formatPurl({ type: 'golang', namespace: segs.join('/') || undefined, name, version: version || undefined })
}

// A `-X <pkg>.version=<v>` linker flag on the main package is how most projects stamp
// their release; Go itself only records `(devel)` for the main module.
function ldflagsVersion(info: GoBuildInfo): string | undefined {
  const flags = info.settings['-ldflags']
  if (!flags) return undefined
  for (const m of flags.matchAll(/-X[= ]'?"?([^=\s'"]+)=([^\s'"]+)/g)) {
    const key = m[1]!
    if (/(^|\/)main\.[vV]ersion$|(^|\/)version\.[vV]ersion$/.test(key) && /^v?\d+(\.\d+)*/.test(m[2]!)) return m[2]!
  }
  return undefined
}

/**
 * Turn Go build info into packages: the main module (version from `-ldflags -X
 * main.version=…` when stamped, else Go's `(devel)`), every dependency (a replacement
 * with a version stands in for the module it replaces), and the toolchain as
 * `stdlib` (`go1.22.1` → `v1.22.1`).
 *
 * @param info parsed build info
 * @param file the binary
 * @returns the packages, ecosystem `Go`, purl type `golang`
 * @example
 * ```ts
 * import { goBuildInfoPackages } from '@stowaway/sbom'
 * goBuildInfoPackages({ goVersion: 'go1.22.1', deps: [], settings: {} }, { path: 'usr/local/bin/app' })[0]?.version // 'v1.22.1'
 * ```
 */
export function goBuildInfoPackages(info: GoBuildInfo, file: { path: string; layer?: string }): Package[] {
  const loc = [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }]
  const pkg = (name: string, version: string, metadata: Record<string, unknown>): Package => {
    const p: Package = {
      name,
      version,
      type: 'golang',
      ecosystem: 'Go',
      purl: goPurl(name, version === '(devel)' ? '' : version),
      locations: loc,
      metadata: { goVersion: info.goVersion, ...metadata },
    }
    const cpes = cpeCandidates(p)
    if (cpes.length) p.cpes = cpes
    return p
  }
  const out: Package[] = []
  if (info.main?.path) {
    out.push(pkg(info.main.path, ldflagsVersion(info) ?? (info.main.version || '(devel)'), { mainModule: true }))
  }
  for (const d of info.deps) {
    const r = d.replace?.version ? d.replace : undefined
    const meta: Record<string, unknown> = {}
    if (d.replace) meta.replaces = `${d.path}@${d.version}`
    const sum = (r ?? d).sum
    if (sum) meta.h1 = sum
    out.push(pkg(r ? r.path : d.path, r ? r.version : d.version, meta))
  }
  const tool = /^go(\d+(?:\.\d+)*(?:(?:rc|beta)\d+)?)/.exec(info.goVersion)
  if (tool) out.push(pkg('stdlib', `v${tool[1]}`, {}))
  return out
}

function catalogOne(f: ExtractedFile, ctx: CatalogContext): Package[] {
  try {
    if (isTruncatedElf(f.bytes)) ctx.warn({ code: 'ARCHIVE_INVALID', message: `Cannot read "${f.path}" whole: the ELF file is truncated`, path: f.path, layer: f.layer })
    const info = readGoBuildInfo(f.bytes)
    return info ? goBuildInfoPackages(info, f) : []
  } catch (e) {
    ctx.warn({ code: 'ARCHIVE_INVALID', message: `${e instanceof Error ? e.message : String(e)} in "${f.path}"`, path: f.path, layer: f.layer })
    return []
  }
}

/**
 * Go binaries: modules and toolchain from the build info the Go linker embeds (ELF,
 * Mach-O and PE for Go ≥ 1.18; ELF for older pointer-based build info). Non-Go files
 * are skipped silently; a truncated ELF or a corrupt header is a warning.
 *
 * @example
 * ```ts
 * import { goBinaryCataloger } from '@stowaway/sbom'
 * goBinaryCataloger.name // 'go-binary'
 * ```
 */
export const goBinaryCataloger: Cataloger = {
  name: 'go-binary',
  patterns: GO_BINARY_PATTERNS,
  maxFileBytes: 256 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    const paths = new Set(GO_BINARY_PATTERNS.flatMap((p) => ctx.tree.glob(p)))
    for (const path of [...paths].sort()) {
      const f = ctx.tree.get(path)
      // Executables only: anything else under these directories is data or scripts.
      if (!f || (f.mode & 0o111) === 0 || f.bytes.length < 64) continue
      out.push(...catalogOne(f, ctx))
    }
    return out
  },
}
