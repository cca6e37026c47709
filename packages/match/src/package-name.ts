/**
 * The key under which a package name is indexed and looked up in its ecosystem:
 * PyPI names per PEP 503 (lower case, runs of `-_.` → `-`), Maven `group:artifact`
 * as written, npm names (scopes included) lower-cased, Go module paths and distro
 * source names as written, Packagist/RubyGems/NuGet/crates.io case-folded as their
 * registries treat names case-insensitively.
 *
 * @param ecosystem OSV ecosystem (release suffix ignored)
 * @param name package name
 * @returns the lookup key
 * @example
 * ```ts
 * import { normalisePackageName } from '@stowaway/match'
 * normalisePackageName('PyPI', 'Zope.Interface') // 'zope-interface'
 * ```
 */
export function normalisePackageName(ecosystem: string, name: string): string {
  switch (ruleOf(ecosystem)) {
    case Rule.Pep503:
      return pep503(name)
    case Rule.Lower:
      return name.toLowerCase()
    case Rule.Maven:
      return name.includes('/') ? name.replace(/\//g, ':') : name
    default:
      return name
  }
}

const enum Rule {
  AsWritten,
  Pep503,
  Lower,
  Maven,
}

// The rule per ecosystem string, remembered (one per ecosystem an inventory names;
// bounded should a caller invent ecosystems without end).
const rules = new Map<string, Rule>()

function ruleOf(ecosystem: string): Rule {
  let r = rules.get(ecosystem)
  if (r === undefined) {
    const i = ecosystem.indexOf(':')
    const base = (i < 0 ? ecosystem : ecosystem.slice(0, i)).toLowerCase()
    r =
      base === 'pypi'
        ? Rule.Pep503
        : base === 'npm' || base === 'packagist' || base === 'nuget' || base === 'crates.io' || base === 'rubygems' || base === 'hex' || base === 'pub'
          ? Rule.Lower
          : base === 'maven'
            ? Rule.Maven
            : Rule.AsWritten
    if (rules.size >= 1024) rules.clear()
    rules.set(ecosystem, r)
  }
  return r
}

// PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. Most names already are.
function pep503(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if ((c >= 65 && c <= 90) || c === 95 || c === 46 || c > 127 || (c === 45 && name.charCodeAt(i + 1) === 45)) return name.toLowerCase().replace(/[-_.]+/g, '-')
  }
  return name
}

/**
 * Canonical spelling of an ecosystem for shard keys: base name case-folded (so `pypi`
 * and `PyPI` meet), release kept (`Alpine:v3.9`, `Debian:11`). Alpine releases are
 * reduced to major.minor with a `v` (`3.10.2` → `v3.10`).
 *
 * @param ecosystem OSV ecosystem
 * @returns the shard key
 * @example
 * ```ts
 * import { ecosystemKey } from '@stowaway/match'
 * ecosystemKey('Alpine:3.10.2') // 'alpine:v3.10'
 * ```
 */
export function ecosystemKey(ecosystem: string): string {
  const i = ecosystem.indexOf(':')
  const base = (i < 0 ? ecosystem : ecosystem.slice(0, i)).trim().toLowerCase()
  let rel = i < 0 ? '' : ecosystem.slice(i + 1).trim()
  if (base === 'ubuntu' && rel) {
    // OSV spells Ubuntu releases `22.04:LTS`, `Pro:18.04:LTS`; SBOMs give `22.04`.
    const n = /\d+\.\d+/.exec(rel)?.[0]
    if (n) rel = /pro/i.test(rel) ? `pro:${n}` : n
  }
  if ((base === 'suse' || base === 'suse micro') && rel) {
    // OSV spells SUSE releases by product (`Linux Enterprise Server 15 SP3`, `Linux
    // Enterprise Module for Basesystem 15 SP3`); feeds and SBOMs give `15.3`. Products of
    // one service pack share the key.
    const micro = base === 'suse micro' || /micro/i.test(rel)
    const m = /(\d+)(?:\s*SP(\d+)|\.(\d+))?/i.exec(rel)
    if (m) {
      const minor = m[2] ?? m[3]
      return `${micro ? 'suse micro' : 'suse'}:${m[1]}${minor && minor !== '0' ? '.' + minor : ''}`
    }
  }
  if (base === 'opensuse' && rel) {
    if (/tumbleweed/i.test(rel)) return 'opensuse:tumbleweed'
    const n = /\d+\.\d+/.exec(rel)?.[0]
    if (n) return `opensuse:${/micro/i.test(rel) ? 'micro ' : ''}${n}`
  }
  if ((base === 'azure linux' || base === 'mariner' || base === 'red hat') && rel) {
    // Major release only: `Azure Linux:3.0`, `Mariner:2.0`, `Red Hat:enterprise_linux:8::appstream`.
    const n = /(\d+)/.exec(rel)?.[1]
    if (n) return `${base}:${n}`
  }
  if (base === 'alpine' && rel) {
    const m = /^v?(\d+)\.(\d+)/.exec(rel)
    if (m) rel = `v${m[1]}.${m[2]}`
  }
  return rel ? `${base}:${rel.toLowerCase()}` : base
}
