import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

type FileRef = Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }

function gem(name: string, version: string, file: FileRef, extra: { licenses?: string[]; metadata?: Record<string, unknown> } = {}): Package {
  const p: Package = {
    name,
    version,
    type: 'gem',
    ecosystem: 'RubyGems',
    purl: formatPurl({ type: 'gem', name, version }),
    locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
  }
  if (extra.licenses?.length) p.licenses = extra.licenses
  if (extra.metadata && Object.keys(extra.metadata).length) p.metadata = extra.metadata
  const cpes = cpeCandidates(p)
  if (cpes.length) p.cpes = cpes
  return p
}

const STR = `["']([^"']*)["']`

/**
 * Read name, version and licenses from an installed gem's specification
 * (`specifications/<gem>-<version>.gemspec`, the Ruby stub RubyGems writes). The file
 * is Ruby code and is never evaluated: only literal assignments such as
 * `s.name = "rake".freeze`, `s.version = "13.0.3"` and `s.licenses = ["MIT".freeze]`
 * are read.
 *
 * @param text the gemspec
 * @returns name, version and licenses, or undefined when either is not a literal
 * @example
 * ```ts
 * import { parseGemspec } from '@stowaway/sbom'
 * parseGemspec('Gem::Specification.new do |s|\n  s.name = "rake".freeze\n  s.version = "13.0.3"\nend\n') // { name: 'rake', version: '13.0.3', licenses: [] }
 * ```
 */
export function parseGemspec(text: string): { name: string; version: string; licenses: string[] } | undefined {
  // Assignments must be made on the block's own variable (`do |s|`), as Ruby would require.
  const v = /Gem::Specification\.new\s+do\s*\|\s*(\w+)\s*\|/.exec(text)?.[1] ?? '\\w+'
  const name = new RegExp(`^\\s*${v}\\.name\\s*=\\s*${STR}`, 'm').exec(text)?.[1]
  const version = new RegExp(`^\\s*${v}\\.version\\s*=\\s*(?:Gem::Version\\.new\\(\\s*)?${STR}`, 'm').exec(text)?.[1]
  if (!name || !version || !/^\d/.test(version)) return undefined
  const licenses: string[] = []
  const list = new RegExp(`^\\s*${v}\\.licenses\\s*=\\s*\\[([^\\]]*)\\]`, 'm').exec(text)?.[1]
  if (list) for (const m of list.matchAll(new RegExp(STR, 'g'))) if (m[1]) licenses.push(m[1])
  const single = new RegExp(`^\\s*${v}\\.license\\s*=\\s*${STR}`, 'm').exec(text)?.[1]
  if (!licenses.length && single) licenses.push(single)
  return { name, version, licenses }
}

/**
 * Parse a Bundler `Gemfile.lock`: the gems under `specs:` of its `GEM` and `GIT`
 * sections (four-space indented `name (version[-platform])` lines). `PATH` gems are the
 * application's own and are left out.
 *
 * @param file the lockfile
 * @returns its gems, one per name and version
 * @example
 * ```ts
 * import { parseGemfileLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.3)\n')
 * parseGemfileLock({ path: 'Gemfile.lock', bytes })[0]?.version // '2.2.3'
 * ```
 */
export function parseGemfileLock(file: FileRef): Package[] {
  const out: Package[] = []
  const seen = new Set<string>()
  let section = ''
  let inSpecs = false
  for (const line of new TextDecoder().decode(file.bytes).split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      section = line.trim()
      inSpecs = false
      continue
    }
    if (line === '  specs:') {
      inSpecs = true
      continue
    }
    if (!inSpecs || (section !== 'GEM' && section !== 'GIT')) continue
    const m = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line)
    if (!m) continue
    let version = m[2]!
    let platform: string | undefined
    // Platform gems: `nokogiri (1.13.3-x86_64-linux)`.
    const dash = /^(\d[^-]*)-(.+)$/.exec(version)
    if (dash && !/^\d/.test(dash[2]!)) {
      version = dash[1]!
      platform = dash[2]!
    }
    const key = `${m[1]}@${version}`
    if (seen.has(key)) continue
    seen.add(key)
    const metadata: Record<string, unknown> = {}
    if (platform) metadata.platform = platform
    if (section === 'GIT') metadata.git = true
    out.push(gem(m[1]!, version, file, { metadata }))
  }
  return out
}

/**
 * Installed gems: `**\/specifications/*.gemspec` (RubyGems' installed stubs, also
 * inside Bundler's vendor paths) and `specifications/default/*.gemspec` (the default
 * gems Ruby ships, such as openssl and json). A gemspec without literal name and
 * version is a warning.
 *
 * @example
 * ```ts
 * import { gemspecCataloger } from '@stowaway/sbom'
 * gemspecCataloger.patterns[0] // '**\/specifications/*.gemspec'
 * ```
 */
export const gemspecCataloger: Cataloger = {
  name: 'ruby-gemspec',
  patterns: ['**/specifications/*.gemspec', '**/specifications/default/*.gemspec'],
  maxFileBytes: 4 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    const paths = new Set([...ctx.tree.glob('**/specifications/*.gemspec'), ...ctx.tree.glob('**/specifications/default/*.gemspec')])
    for (const path of [...paths].sort()) {
      const f = ctx.tree.get(path)
      if (!f) continue
      const g = parseGemspec(new TextDecoder().decode(f.bytes))
      if (!g) {
        ctx.warn({ code: 'SBOM_INVALID', message: `Cannot read gemspec "${path}": no literal name and version`, path, layer: f.layer })
        continue
      }
      out.push(gem(g.name, g.version, f, { licenses: g.licenses }))
    }
    return out
  },
}

/**
 * Gems locked in `Gemfile.lock` files found in the image.
 *
 * @example
 * ```ts
 * import { gemfileLockCataloger } from '@stowaway/sbom'
 * gemfileLockCataloger.patterns // ['**\/Gemfile.lock']
 * ```
 */
export const gemfileLockCataloger: Cataloger = {
  name: 'ruby-gemfile-lock',
  patterns: ['**/Gemfile.lock'],
  maxFileBytes: 16 * 1024 * 1024,
  catalog(ctx) {
    return ctx.tree.glob('**/Gemfile.lock').flatMap((path) => {
      const f = ctx.tree.get(path)
      return f ? parseGemfileLock(f) : []
    })
  },
}
