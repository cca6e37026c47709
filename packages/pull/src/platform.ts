import { StowawayError } from '@stowaway/core'

/**
 * An OCI platform (`os/architecture[/variant]`).
 *
 * @example
 * ```ts
 * const p: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' }
 * ```
 */
export interface Platform {
  os: string
  architecture: string
  variant?: string
  'os.version'?: string
}

/**
 * Parse `os/arch[/variant]` (e.g. `linux/arm64/v8`).
 *
 * @param text platform string
 * @returns the platform
 * @throws StowawayError `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { parsePlatform } from '@stowaway/pull'
 * parsePlatform('linux/arm/v7') // { os: 'linux', architecture: 'arm', variant: 'v7' }
 * ```
 */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
    throw new StowawayError('INVALID_ARGUMENT', `Cannot parse platform "${text}": expected os/arch[/variant]`)
  }
  return { os: parts[0]!, architecture: parts[1]!, ...(parts[2] ? { variant: parts[2] } : {}) }
}

/**
 * Format a platform as `os/arch[/variant]`.
 *
 * @param p platform
 * @returns e.g. `linux/amd64`
 * @example
 * ```ts
 * import { formatPlatform } from '@stowaway/pull'
 * formatPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' }) // 'linux/arm64/v8'
 * ```
 */
export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`
}

// Variants that are implied when absent, as containerd's platform matcher treats them.
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' }

/**
 * Whether an index entry's platform satisfies the wanted one. A wanted platform without
 * a variant accepts any variant; `arm64` and `arm64/v8` are the same.
 *
 * @param have the candidate's platform
 * @param want the requested platform
 * @returns true when it fits
 * @example
 * ```ts
 * import { platformMatches } from '@stowaway/pull'
 * platformMatches({ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }) // true
 * ```
 */
export function platformMatches(have: Platform, want: Platform): boolean {
  if (have.os !== want.os || have.architecture !== want.architecture) return false
  if (!want.variant) return true
  return (have.variant ?? DEFAULT_VARIANT[have.architecture]) === want.variant
}

/**
 * Pick the entry of an index whose platform fits; an exact variant match wins over an
 * implied one. Entries without a platform, or with `unknown/unknown` (attestations), never
 * match.
 *
 * @param entries index entries with optional `platform`
 * @param want requested platform (default `linux/amd64`)
 * @param where what is being searched, for the message
 * @returns the chosen entry
 * @throws StowawayError `PLATFORM_NOT_FOUND` listing the available platforms
 * @example
 * ```ts
 * import { selectPlatform } from '@stowaway/pull'
 * selectPlatform([{ platform: { os: 'linux', architecture: 'amd64' } }], { os: 'linux', architecture: 'amd64' })
 * ```
 */
export function selectPlatform<T extends { platform?: Platform }>(entries: T[], want: Platform, where = 'index'): T {
  const fits = entries.filter((e) => e.platform && platformMatches(e.platform, want))
  const exact = fits.find((e) => (e.platform!.variant ?? '') === (want.variant ?? ''))
  const chosen = exact ?? fits[0]
  if (chosen) return chosen
  const available = entries
    .filter((e) => e.platform && e.platform.os !== 'unknown')
    .map((e) => formatPlatform(e.platform!))
  throw new StowawayError(
    'PLATFORM_NOT_FOUND',
    `Cannot select platform "${formatPlatform(want)}" in ${where}: available ${available.length ? available.map((a) => `"${a}"`).join(', ') : 'none'}`,
    { details: { wanted: formatPlatform(want), available } },
  )
}
