import type { Package } from '@stowaway/core'

/**
 * The attributes of a CPE 2.3 name Stowaway fills; the rest bind to `*` (ANY).
 *
 * @example
 * ```ts
 * import type { CpeParts } from '@stowaway/sbom'
 * const c: CpeParts = { part: 'a', vendor: 'apache', product: 'log4j', version: '2.14.1' }
 * ```
 */
export interface CpeParts {
  part: 'a' | 'o' | 'h'
  vendor: string
  product: string
  version?: string
  update?: string
  targetSw?: string
}

/**
 * Bind one attribute value to the CPE 2.3 formatted string (NISTIR 7695 §6.2): lower
 * case, whitespace as `_`, and every printable character other than letters, digits,
 * `_`, `-` and `.` quoted with a backslash (`c++` → `c\+\+`, `a:b` → `a\:b`). An empty
 * value binds to `*` (ANY).
 *
 * @param value the raw attribute value
 * @returns the bound value
 * @example
 * ```ts
 * import { escapeCpeValue } from '@stowaway/sbom'
 * escapeCpeValue('big$money_manager_2010') // 'big\\$money_manager_2010'
 * ```
 */
export function escapeCpeValue(value: string): string {
  const v = value.trim().toLowerCase().replace(/\s+/g, '_')
  if (!v) return '*'
  let out = ''
  for (const c of v) out += /[a-z0-9_.\-]/.test(c) || c.charCodeAt(0) > 0x7e ? c : '\\' + c
  return out
}

/**
 * Format a CPE 2.3 formatted string: `cpe:2.3:<part>:<vendor>:<product>:<version>:<update>:*:*:*:<target_sw>:*:*`.
 *
 * @param c the attribute values (unescaped)
 * @returns the bound name
 * @example
 * ```ts
 * import { formatCpe23 } from '@stowaway/sbom'
 * formatCpe23({ part: 'a', vendor: 'microsoft', product: 'internet explorer', version: '8.0.6001', update: 'beta' })
 * // 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'
 * ```
 */
export function formatCpe23(c: CpeParts): string {
  const f = (v: string | undefined) => (v ? escapeCpeValue(v) : '*')
  return `cpe:2.3:${c.part}:${f(c.vendor)}:${f(c.product)}:${f(c.version)}:${f(c.update)}:*:*:*:${f(c.targetSw)}:*:*`
}

// The upstream version NVD records: no dpkg/rpm epoch, no distro revision/release,
// no Go "v".
function upstreamVersion(p: Package): string | undefined {
  let v = p.version
  if (!v || v === '(devel)' || v === '*' || v === '-') return undefined
  if (p.type === 'deb' || p.type === 'rpm' || p.type === 'apk') {
    v = v.replace(/^\d+:/, '')
    const dash = v.lastIndexOf('-')
    if (dash > 0) v = v.slice(0, dash)
  } else if (p.type === 'golang') v = v.replace(/^v/, '')
  return v
}

const clean = (s: string) => s.toLowerCase().replace(/^@/, '')

/**
 * Conservative CPE 2.3 candidates for a package, for matching against NVD-style CPE
 * configurations. They are guesses, ordered from most to least likely, and never
 * more than four:
 *
 * - npm, PyPI, RubyGems, crates.io: `<name>:<name>` and `<name>_project:<name>` (the
 *   NVD convention for projects without a vendor); a scoped npm package uses its scope
 *   as vendor; PyPI names are PEP 503-normalised with `_` for `-` as NVD spells them.
 * - Maven: vendor from the groupId (`org.apache.logging.log4j` → `apache`, a
 *   one-segment groupId as is), product the artifactId.
 * - Go: `github.com/<owner>/<repo>` → `<owner>:<repo>`; `golang.org/x/<name>` →
 *   `golang:<name>`; the toolchain `stdlib` → `golang:go`.
 * - Composer: `<vendor>/<name>` → `<vendor>:<name>`. NuGet: the first dotted segment
 *   as vendor (`Newtonsoft.Json` → `newtonsoft`) and `<name>:<name>`.
 * - OS packages (deb, rpm, apk): `<name>:<name>` and, when different, the source
 *   package's `<source>:<source>`, with the upstream version (epoch and release dropped).
 *
 * A package without a usable version gets none.
 *
 * @param p the package
 * @returns formatted-string CPE 2.3 names
 * @example
 * ```ts
 * import { cpeCandidates } from '@stowaway/sbom'
 * cpeCandidates({ name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', type: 'maven' })
 * // ['cpe:2.3:a:apache:log4j-core:2.14.1:*:*:*:*:*:*:*', 'cpe:2.3:a:log4j-core:log4j-core:2.14.1:*:*:*:*:*:*:*']
 * ```
 */
export function cpeCandidates(p: Package): string[] {
  const version = upstreamVersion(p)
  if (!version) return []
  const pairs: [string, string][] = []
  const name = p.name
  switch (p.type) {
    case 'npm': {
      const m = /^@([^/]+)\/(.+)$/.exec(name)
      if (m) pairs.push([m[1]!, m[2]!], [m[2]!, m[2]!])
      else pairs.push([name, name], [`${name}_project`, name])
      break
    }
    case 'pypi': {
      const n = name.toLowerCase().replace(/[-_.]+/g, '_')
      pairs.push([n, n], [`${n}_project`, n])
      break
    }
    case 'gem':
    case 'cargo':
      pairs.push([name, name], [`${name}_project`, name])
      break
    case 'maven': {
      const [group, artifact] = name.includes(':') ? [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)] : ['', name]
      const segs = group.split('.').filter(Boolean)
      const vendor = segs.length >= 2 && ['org', 'com', 'net', 'io', 'de', 'edu', 'dev'].includes(segs[0]!) ? segs[1]! : segs[0]
      if (vendor) pairs.push([vendor, artifact])
      pairs.push([artifact, artifact])
      break
    }
    case 'golang': {
      if (name === 'stdlib') {
        pairs.push(['golang', 'go'])
        break
      }
      const segs = name.split('/')
      if (segs[0] === 'golang.org' && segs[1] === 'x' && segs[2]) pairs.push(['golang', segs[2]])
      else if (segs.length >= 3 && /^(github\.com|gitlab\.com|bitbucket\.org)$/.test(segs[0]!)) pairs.push([segs[1]!, segs[2]!])
      else if (segs.length >= 2) pairs.push([segs[segs.length - 1]!, segs[segs.length - 1]!])
      break
    }
    case 'composer': {
      const [vendor, product] = name.split('/')
      if (vendor && product) pairs.push([vendor, product])
      break
    }
    case 'nuget': {
      const first = name.split('.')[0]!
      if (first !== name) pairs.push([first, name])
      pairs.push([name, name])
      break
    }
    case 'deb':
    case 'rpm':
    case 'apk': {
      pairs.push([name, name])
      const src = p.source?.name
      if (src && src !== name) pairs.push([src, src])
      break
    }
    default:
      pairs.push([name, name])
  }
  const out: string[] = []
  for (const [vendor, product] of pairs) {
    if (!vendor || !product) continue
    const cpe = formatCpe23({ part: 'a', vendor: clean(vendor), product: clean(product), version })
    if (!out.includes(cpe)) out.push(cpe)
    if (out.length === 4) break
  }
  return out
}
