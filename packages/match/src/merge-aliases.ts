import type { Finding } from '@stowaway/core'

/**
 * Code-unit order of two strings (the order findings are sorted in).
 *
 * @param a first string
 * @param b second string
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { cmpStr } from './merge-aliases.ts'
 * cmpStr('CVE-1', 'GHSA-1') // -1
 * ```
 */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const RANK = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NEGLIGIBLE', 'UNKNOWN']
// Prefer ids a reader can look up directly: a distro advisory over a bare CVE only
// when the CVE is not itself a finding id.
function preferId(ids: string[]): string {
  const order = (id: string) => (id.startsWith('CVE-') ? 0 : id.startsWith('GHSA-') ? 1 : 2)
  return [...ids].sort((a, b) => order(a) - order(b) || cmpStr(a, b))[0]!
}

/**
 * Merge findings of one package whose ids or aliases overlap (a DSA and its CVE,
 * a GHSA and the PYSEC that aliases it) into one finding. The merged finding keeps the
 * CVE id when one is involved, unions aliases, fixed versions, ranges, references and
 * severities, and takes the highest severity and the most actionable status.
 *
 * @param list findings of one package
 * @returns merged findings
 * @example
 * ```ts
 * import { mergeAliases } from '@stowaway/match'
 * import type { Finding } from '@stowaway/core'
 * declare const a: Finding, b: Finding
 * mergeAliases([a, b]).length // 1 when b.aliases includes a.id
 * ```
 */
export function mergeAliases(list: Finding[]): Finding[] {
  const parent = list.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)))
  const owner = new Map<string, number>()
  list.forEach((f, i) => {
    for (const id of [f.id, ...f.aliases]) {
      const j = owner.get(id)
      if (j === undefined) owner.set(id, i)
      else parent[find(i)] = find(j)
    }
  })
  const groups = new Map<number, Finding[]>()
  list.forEach((f, i) => {
    const r = find(i)
    const g = groups.get(r)
    if (g) g.push(f)
    else groups.set(r, [f])
  })
  const out: Finding[] = []
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]!)
      continue
    }
    const ids = new Set(g.flatMap((f) => [f.id, ...f.aliases]))
    const id = preferId(g.map((f) => f.id).concat([...ids].filter((x) => x.startsWith('CVE-'))))
    ids.delete(id)
    const uniq = <T>(xs: T[]) => [...new Set(xs)]
    const status = g.some((f) => f.status === 'fixed') ? 'fixed' : g.some((f) => f.status === 'not-fixed') ? 'not-fixed' : g[0]!.status
    const severity = g.map((f) => f.severity).filter((s) => s !== 'UNKNOWN').sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0] ?? 'UNKNOWN'
    const m: Finding = {
      ...g[0]!,
      id,
      aliases: [...ids].sort(),
      fixedVersions: uniq(g.flatMap((f) => f.fixedVersions)),
      status,
      severity,
      severities: g.flatMap((f) => f.severities ?? []),
      ranges: uniq(g.flatMap((f) => f.ranges ?? [])),
      references: uniq(g.flatMap((f) => f.references ?? [])),
    }
    const summary = g.find((f) => f.summary)?.summary
    if (summary) m.summary = summary
    out.push(m)
  }
  return out
}
