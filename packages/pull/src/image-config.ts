import { StowawayError } from '@stowaway/core'

/**
 * The parts of an OCI/Docker image config that the scanner and `inspect` use.
 *
 * @example
 * ```ts
 * const c: ImageConfig = { os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [] } }
 * ```
 */
export interface ImageConfig {
  os: string
  architecture: string
  variant?: string
  created?: string
  author?: string
  config?: {
    Env?: string[]
    Entrypoint?: string[] | null
    Cmd?: string[] | null
    WorkingDir?: string
    User?: string
    Labels?: Record<string, string> | null
  }
  rootfs: { type: string; diff_ids: string[] }
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean; author?: string }[]
}

/**
 * Parse config JSON and check the fields later stages rely on.
 *
 * @param bytes config blob (already verified)
 * @returns the config
 * @throws StowawayError `MANIFEST_INVALID`
 * @example
 * ```ts
 * import { parseImageConfig } from '@stowaway/pull'
 * parseImageConfig(new TextEncoder().encode('{"os":"linux","architecture":"amd64","rootfs":{"type":"layers","diff_ids":[]}}'))
 * ```
 */
export function parseImageConfig(bytes: Uint8Array): ImageConfig {
  let c: any
  try {
    c = JSON.parse(new TextDecoder().decode(bytes))
  } catch (e) {
    throw new StowawayError('MANIFEST_INVALID', 'Cannot read image config: not JSON', { cause: e })
  }
  if (!c || typeof c !== 'object') throw new StowawayError('MANIFEST_INVALID', 'Cannot read image config: not a JSON object')
  const diffIds = c.rootfs?.diff_ids
  if (!Array.isArray(diffIds) || diffIds.some((d: unknown) => typeof d !== 'string')) {
    throw new StowawayError('MANIFEST_INVALID', 'Cannot read image config: "rootfs.diff_ids" is not a list of digests')
  }
  return { ...c, os: String(c.os ?? ''), architecture: String(c.architecture ?? '') }
}
