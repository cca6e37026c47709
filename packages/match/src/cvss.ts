import type { Severity } from '@stowaway/core'

/**
 * A scored CVSS base vector.
 *
 * @example
 * ```ts
 * import type { CvssScore } from '@stowaway/match'
 * const s: CvssScore = { version: '3.1', score: 9.8, rating: 'CRITICAL' }
 * ```
 */
export interface CvssScore {
  version: '2.0' | '3.0' | '3.1' | '4.0'
  score: number
  rating: Severity
}

const V3 = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const

// CVSS v3.1 §7.4 Roundup: integer arithmetic avoids 4.000000001 becoming 4.1.
function roundup31(x: number): number {
  const i = Math.round(x * 100000)
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10
}

// CVSS v3.0 used a plain ceiling to one decimal.
function roundup30(x: number): number {
  return Math.ceil(x * 10) / 10
}

function parseMetrics(parts: string[]): Map<string, string> | undefined {
  const m = new Map<string, string>()
  for (const p of parts) {
    const i = p.indexOf(':')
    if (i <= 0) return undefined
    const k = p.slice(0, i)
    if (m.has(k)) return undefined
    m.set(k, p.slice(i + 1))
  }
  return m
}

/**
 * Qualitative rating of a CVSS v3/v4 score (v3.1 spec §5, same bands in v4.0).
 *
 * @param score 0.0 – 10.0
 * @returns the rating; 0.0 is `NEGLIGIBLE` (the spec's "None")
 * @example
 * ```ts
 * import { ratingForScore } from '@stowaway/match'
 * ratingForScore(7.5) // 'HIGH'
 * ```
 */
export function ratingForScore(score: number): Severity {
  if (score >= 9) return 'CRITICAL'
  if (score >= 7) return 'HIGH'
  if (score >= 4) return 'MEDIUM'
  if (score > 0) return 'LOW'
  return 'NEGLIGIBLE'
}

/**
 * Base score of a CVSS v3.0 / v3.1 vector, from the formulas of the specification
 * (section 7.1). Temporal and environmental metrics present in the vector are
 * accepted and ignored: advisories publish the base score.
 *
 * @param vector `CVSS:3.x/AV:…/AC:…/PR:…/UI:…/S:…/C:…/I:…/A:…`
 * @returns the score, or undefined for a malformed vector
 * @example
 * ```ts
 * import { scoreCvss3 } from '@stowaway/match'
 * scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')?.score // 9.8
 * ```
 */
export function scoreCvss3(vector: string): CvssScore | undefined {
  const parts = vector.trim().split('/')
  const head = parts.shift()
  if (head !== 'CVSS:3.0' && head !== 'CVSS:3.1') return undefined
  const version = head === 'CVSS:3.0' ? '3.0' : '3.1'
  const m = parseMetrics(parts)
  if (!m) return undefined
  const av = V3.AV[m.get('AV') as keyof typeof V3.AV]
  const ac = V3.AC[m.get('AC') as keyof typeof V3.AC]
  const ui = V3.UI[m.get('UI') as keyof typeof V3.UI]
  const s = m.get('S')
  const c = V3.CIA[m.get('C') as keyof typeof V3.CIA]
  const i = V3.CIA[m.get('I') as keyof typeof V3.CIA]
  const a = V3.CIA[m.get('A') as keyof typeof V3.CIA]
  const prKey = m.get('PR')
  if (av === undefined || ac === undefined || ui === undefined || c === undefined || i === undefined || a === undefined) return undefined
  if (s !== 'U' && s !== 'C') return undefined
  const changed = s === 'C'
  const pr = prKey === 'N' ? 0.85 : prKey === 'L' ? (changed ? 0.68 : 0.62) : prKey === 'H' ? (changed ? 0.5 : 0.27) : undefined
  if (pr === undefined) return undefined
  const iss = 1 - (1 - c) * (1 - i) * (1 - a)
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss
  const exploitability = 8.22 * av * ac * pr * ui
  const round = version === '3.1' ? roundup31 : roundup30
  let score = 0
  if (impact > 0) score = changed ? round(Math.min(1.08 * (impact + exploitability), 10)) : round(Math.min(impact + exploitability, 10))
  return { version, score, rating: ratingForScore(score) }
}

const V2 = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  CIA: { N: 0, P: 0.275, C: 0.66 },
} as const

/**
 * Base score of a CVSS v2 vector (CVSS v2 guide §3.2.1). The rating uses the NVD v2
 * bands (Low < 4, Medium < 7, High).
 *
 * @param vector `AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally wrapped in `(…)` or prefixed `CVSS:2.0/`
 * @returns the score, or undefined for a malformed vector
 * @example
 * ```ts
 * import { scoreCvss2 } from '@stowaway/match'
 * scoreCvss2('AV:N/AC:L/Au:N/C:P/I:P/A:P')?.score // 7.5
 * ```
 */
export function scoreCvss2(vector: string): CvssScore | undefined {
  let v = vector.trim()
  if (v.startsWith('(') && v.endsWith(')')) v = v.slice(1, -1)
  if (v.startsWith('CVSS:2.0/')) v = v.slice(9)
  const m = parseMetrics(v.split('/'))
  if (!m) return undefined
  const av = V2.AV[m.get('AV') as keyof typeof V2.AV]
  const ac = V2.AC[m.get('AC') as keyof typeof V2.AC]
  const au = V2.Au[m.get('Au') as keyof typeof V2.Au]
  const c = V2.CIA[m.get('C') as keyof typeof V2.CIA]
  const i = V2.CIA[m.get('I') as keyof typeof V2.CIA]
  const a = V2.CIA[m.get('A') as keyof typeof V2.CIA]
  if (av === undefined || ac === undefined || au === undefined || c === undefined || i === undefined || a === undefined) return undefined
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a))
  const exploitability = 20 * av * ac * au
  const f = impact === 0 ? 0 : 1.176
  const score = Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10
  const rating: Severity = score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : score > 0 ? 'LOW' : 'NEGLIGIBLE'
  return { version: '2.0', score: Math.max(0, score), rating }
}
