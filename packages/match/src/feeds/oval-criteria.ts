import { compareVersions } from '@stowaway/version'
import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import { cveIds } from './feed-result.ts'
import { suseEcosystem } from './suse-cvrf.ts'

/**
 * One `<criteria>` node of an OVAL definition, whatever the container (XML or the
 * vuln-list JSON layout): the comments of its own criteria and its child nodes.
 *
 * @example
 * ```ts
 * import type { OvalCriteria } from '@stowaway/match'
 * const c: OvalCriteria = { criterions: ['Oracle Linux 8 is installed'], children: [{ criterions: ['glibc is earlier than 2:2.28-151.0.1.el8'], children: [] }] }
 * ```
 */
export interface OvalCriteria {
  criterions: string[]
  children: OvalCriteria[]
}

/**
 * The facts of one OVAL definition that become an advisory.
 *
 * @example
 * ```ts
 * import type { OvalDefinition } from '@stowaway/match'
 * const d: OvalDefinition = { cls: 'patch', title: 'ELSA-2007-0057: bind', refs: [{ source: 'elsa', id: 'ELSA-2007-0057' }], platforms: ['Oracle Linux 5'], criteria: { criterions: [], children: [] } }
 * ```
 */
export interface OvalDefinition {
  /** `patch`, `vulnerability`, `inventory` … */
  cls?: string
  /** The definition's own id (`oval:com.redhat.unaffected:def:…`). */
  defId?: string
  title: string
  refs: { source: string; id: string; url?: string }[]
  /** `<platform>` names of the metadata. */
  platforms: string[]
  severity?: string
  /** CVSS v3 vectors the publisher gives for the definition's CVEs. */
  cvss3?: string[]
  issued?: string
  criteria?: OvalCriteria
}

// Distro names as OVAL writes them → the ecosystem our purl mapping uses.
const PLATFORMS: [RegExp, string][] = [
  [/^Oracle Linux (\d+)/, 'Oracle Linux'],
  [/^Red Hat Enterprise Linux(?: [A-Za-z]+)*? (\d+)/, 'Red Hat'],
  [/^CentOS(?: Linux)? (\d+)/, 'CentOS'],
]

/**
 * The ecosystem of a platform named in OVAL (`Oracle Linux 8`, `Red Hat Enterprise Linux
 * 9`, `SUSE Linux Enterprise Server 15 SP1`, `openSUSE Leap 15.5`).
 *
 * @param text platform name or the subject of an `… is installed` criterion
 * @returns the ecosystem, or undefined for platforms without one (CoreOS, products)
 * @example
 * ```ts
 * import { ovalPlatform } from '@stowaway/match'
 * ovalPlatform('Oracle Linux 8') // 'Oracle Linux:8'
 * ```
 */
export function ovalPlatform(text: string): string | undefined {
  for (const [re, base] of PLATFORMS) {
    const m = re.exec(text)
    if (m) return `${base}:${m[1]}`
  }
  if (/SUSE/i.test(text)) return suseEcosystem(text.trim())
  return undefined
}

const INSTALLED = /^(.*\S) is installed$/

function platformOfCriterion(c: string): string | undefined {
  const m = INSTALLED.exec(c)
  return m && !/^Package /.test(c) ? ovalPlatform(m[1]!) : undefined
}

// A node made only of "<platform> is installed" criteria (Red Hat's OR of RHEL and
// CoreOS) names releases for its parent rather than adding packages. Platform names
// have spaces; package names (and SUSE's "<nvr> is installed") do not.
function platformOnly(n: OvalCriteria): boolean {
  return n.children.length === 0 && n.criterions.length > 0 && n.criterions.every((c) => !/^Package /.test(c) && /\s/.test(INSTALLED.exec(c)?.[1] ?? ''))
}

type Fact =
  | { kind: 'fixed'; name: string; version: string }
  | { kind: 'last'; name: string; version: string }
  | { kind: 'above'; name: string; version: string }
  | { kind: 'unfixed'; name: string }

const SKIP_COMMENT = /is signed with|is ==|is ≥|kernel earlier|arch is|must be installed|is not installed|is not affected|comment is not supposed/

function factOf(c: string, unfixedInstalled: boolean): Fact | undefined {
  let m = /^(?:Package )?(\S+) is earlier than (\S+?)(?:,.*)?$/.exec(c)
  if (m) return { kind: 'fixed', name: m[1]!, version: m[2]! }
  // SUSE: "krb5-server is <1.15.2-4.25" (optionally "for <arches>").
  m = /^(\S+) is <(\S+?)(?: for .*)?$/.exec(c)
  if (m) return { kind: 'fixed', name: m[1]!, version: m[2]! }
  m = /^Package (\S+) is installed with version (\S+) or earlier/.exec(c)
  if (m) return { kind: 'last', name: m[1]!, version: m[2]! }
  m = /^Package (\S+) is greater than (\S+?)(?:,.*)?$/.exec(c)
  if (m) return { kind: 'above', name: m[1]!, version: m[2]! }
  // Red Hat "including unpatched" definitions: the package is installed, no fix yet.
  m = /^(\S+) is installed$/.exec(c)
  if (m && unfixedInstalled) return { kind: 'unfixed', name: m[1]! }
  return undefined
}

const FLAVOUR = /is ksplice-based|is fips patched/

function publisher(def: OvalDefinition, ecosystems: string[]): string {
  const e = ecosystems[0] ?? ''
  if (e.startsWith('Oracle')) return 'Oracle'
  if (e.startsWith('Red Hat') || e.startsWith('CentOS')) return 'Red Hat'
  if (/suse/i.test(e)) return 'SUSE'
  return /mariner|azure/i.test(def.platforms.join(' ')) ? 'Microsoft' : 'OVAL'
}

/**
 * Turn one OVAL definition into an advisory by the criterion comments publishers write
 * (for SUSE, the comments of the tests the criteria reference):
 * `"<pkg> is earlier than <evr>"` and SUSE's `"<pkg> is <<evr>"` (fixed),
 * `"Package <pkg> is installed with version <v> or earlier"` (last affected, no fix),
 * `"Package <pkg> is greater than <v>"` (lower bound) and, in Red Hat's
 * "including unpatched" definitions, `"<pkg> is installed"` (affected, no fix). A
 * package takes the release of the nearest enclosing node that names one
 * (`"<Distro> <N> is installed"`, directly or in a child made only of such criteria),
 * else the metadata platform or `fallbackRelease`. Fixes under `"Module … is enabled"`
 * and ksplice/FIPS builds are skipped with the reason (a plain package would be judged
 * by another build's version).
 *
 * @param def the definition's facts
 * @param skipped receives skip reasons
 * @param fallbackRelease release when neither criteria nor metadata name one
 * @returns the advisory, or undefined when the definition yields no packages
 * @example
 * ```ts
 * import { ovalAdvisory } from '@stowaway/match'
 * const skipped: string[] = []
 * ovalAdvisory({ cls: 'patch', title: 'ELSA-1', refs: [{ source: 'elsa', id: 'ELSA-2021-1' }], platforms: [], criteria: { criterions: ['Oracle Linux 8 is installed', 'glibc is earlier than 2.28-151.el8'], children: [] } }, skipped)?.affected[0]?.ecosystem // 'Oracle Linux:8'
 * ```
 */
export function ovalAdvisory(def: OvalDefinition, skipped: string[], fallbackRelease?: string): Advisory | undefined {
  if (def.cls !== 'patch' && def.cls !== 'vulnerability') {
    skipped.push(`OVAL ${def.cls ?? 'unclassed'} definition (not a vulnerability or patch)`)
    return undefined
  }
  if (def.defId && /\.unaffected:/.test(def.defId)) {
    skipped.push('OVAL definition listing unaffected components (not affected)')
    return undefined
  }
  const aliases = [...new Set(def.refs.flatMap((r) => (/cve/i.test(r.source) ? cveIds(r.id) : [])))]
  const advisoryId = def.refs.find((r) => !/cve/i.test(r.source) && /^[A-Z]+-\d/.test(r.id))?.id
  const id = advisoryId ?? aliases[0]
  if (!id) {
    skipped.push('OVAL definition without an advisory or CVE reference')
    return undefined
  }
  const meta = [...new Set(def.platforms.map(ovalPlatform).filter((e): e is string => !!e))]
  const root = meta.length ? meta : fallbackRelease ? [fallbackRelease] : []
  const unfixedInstalled = def.cls === 'vulnerability' && /com\.redhat/.test(def.defId ?? '')
  const byKey = new Map<string, AffectedPackage>()
  const lower = new Map<string, string>()
  let releaseless = 0
  let module = 0
  let flavour = 0
  let unknown = 0
  let notAffected = 0
  // Per-arch branches may fix at different builds; the x86_64 (default platform) one
  // wins. Within one arch, two builds fixing one package (Oracle's `.0.1` rebuild and
  // the upstream one) mean the lower already has the fix.
  const archOf = new Map<string, string>()
  const lowerFix = (eco: string, a: string, b: string): boolean => {
    try {
      return compareVersions(eco, a, b) < 0
    } catch {
      return false
    }
  }
  const visit = (n: OvalCriteria, inherited: string[], inModule: boolean, inArch: string) => {
    const own = [...n.criterions.map(platformOfCriterion), ...n.children.filter(platformOnly).flatMap((c) => c.criterions.map(platformOfCriterion))].filter((e): e is string => !!e)
    const releases = own.length ? [...new Set(own)] : inherited
    const mod = inModule || n.criterions.some((c) => /^Module \S+ is enabled$/.test(c))
    const flavoured = n.criterions.some((c) => FLAVOUR.test(c))
    const arch = n.criterions.map((c) => / arch is (\S+)$/.exec(c)?.[1]).find((a) => a) ?? inArch
    for (const c of n.criterions) {
      if (platformOfCriterion(c) || /^Module \S+ is enabled$/.test(c)) continue
      const f = factOf(c, unfixedInstalled)
      if (/ is not affected$/.test(c)) notAffected++
      if (!f) {
        if (!SKIP_COMMENT.test(c) && !FLAVOUR.test(c) && !INSTALLED.test(c)) unknown++
        continue
      }
      if (f.kind === 'above') {
        lower.set(f.name, f.version)
        continue
      }
      if (mod) {
        module++
        continue
      }
      if (flavoured) {
        flavour++
        continue
      }
      if (!releases.length) {
        releaseless++
        continue
      }
      for (const eco of releases) {
        const key = `${eco}|${f.name}`
        const had = byKey.get(key)
        if (had) {
          const hadArch = archOf.get(key)
          const sameArch = hadArch === arch
          const hadFix = had.ranges?.[0]?.events[1]?.fixed
          const better = sameArch ? f.kind === 'fixed' && !!hadFix && lowerFix(eco, f.version, hadFix) : arch === 'x86_64' && hadArch !== 'x86_64'
          if (!better) continue
        }
        archOf.set(key, arch)
        if (f.kind === 'fixed') byKey.set(key, { ecosystem: eco, name: f.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: f.version }] }] })
        else if (f.kind === 'last') byKey.set(key, { ecosystem: eco, name: f.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: f.version }] }], status: 'not-fixed' })
        else byKey.set(key, { ecosystem: eco, name: f.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'not-fixed' })
      }
    }
    for (const c of n.children) if (!platformOnly(c)) visit(c, releases, mod, arch)
  }
  if (def.criteria) visit(def.criteria, root, false, '')
  // "greater than" is exclusive; the nearest OSV event is introduced at that version,
  // which also admits the bound itself.
  for (const e of byKey.values()) {
    const lo = lower.get(e.name)
    if (lo) e.ranges![0]!.events[0] = { introduced: lo }
  }
  for (let i = 0; i < module; i++) skipped.push('OVAL fix in a module stream (module-aware matching not supported)')
  for (let i = 0; i < flavour; i++) skipped.push('Oracle fix for a ksplice/FIPS build (build-flavour matching not supported)')
  if (byKey.size === 0) {
    if (module || flavour) return undefined
    const suse = /SUSE/i.test(def.platforms.join(' '))
    skipped.push(
      notAffected
        ? 'OVAL definition marking packages not affected'
        : suse
          ? 'SUSE OVAL definition whose criteria reference no version test in the document'
          : releaseless
            ? 'OVAL definition for a platform with no ecosystem mapping'
            : `OVAL definition without package version criteria${unknown ? ' (criteria by other tests)' : ''}`,
    )
    return undefined
  }
  const ecosystems = [...new Set([...byKey.values()].map((a) => a.ecosystem))]
  const adv: Advisory = { id, aliases: aliases.filter((a) => a !== id), severities: [], references: [...new Set(def.refs.map((r) => r.url).filter((u): u is string => !!u))], affected: [...byKey.values()] }
  const source = publisher(def, ecosystems)
  if (def.severity && !/^n\/?a$/i.test(def.severity)) adv.severities.push(scoreSeverity('RATING', def.severity, source))
  // A vector belongs to one CVE: only a single-CVE definition can carry it.
  if (def.cvss3?.length === 1 && aliases.length <= 1) adv.severities.push(scoreSeverity('CVSS_V3', def.cvss3[0]!, source))
  if (def.title) adv.summary = firstLine(def.title)
  if (def.issued) adv.published = def.issued
  return adv
}
