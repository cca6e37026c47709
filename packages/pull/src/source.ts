import { StowawayError } from '@stowaway/core'
import { parseDigest } from './digest.ts'
import { parseReference, type ImageReference } from './reference.ts'

/**
 * Where an image comes from, parsed from the `source` string of `pullImage`.
 *
 * @example
 * ```ts
 * const s: ImageSource = parseSource('oci:./layout:latest')
 * ```
 */
export type ImageSource =
  | { kind: 'registry'; reference: ImageReference }
  | { kind: 'oci'; path: string; tag?: string; digest?: string }
  | { kind: 'oci-archive'; path: string; tag?: string; digest?: string }
  | { kind: 'docker-archive'; path: string; tag?: string }
  | { kind: 'dir'; path: string }

const LOCAL = ['oci:', 'oci-archive:', 'docker-archive:', 'dir:'] as const

/**
 * Parse a pull source: a registry reference, or a transport-prefixed local path as skopeo
 * writes them: `oci:<dir>[:tag|@digest]`, `oci-archive:<file>[:tag|@digest]`,
 * `docker-archive:<file>[:repo:tag]`, `dir:<path>`. The path ends at the first `:` after the
 * prefix (paths containing `:` are not supported), or at `@` for a digest.
 *
 * @param source the string a user typed
 * @returns the parsed source
 * @throws StowawayError `REFERENCE_INVALID`
 * @example
 * ```ts
 * import { parseSource } from '@stowaway/pull'
 * parseSource('oci:./layout:latest') // { kind: 'oci', path: './layout', tag: 'latest' }
 * ```
 */
export function parseSource(source: string): ImageSource {
  const prefix = LOCAL.find((p) => source.startsWith(p))
  if (!prefix) {
    if (source.startsWith('docker://')) return { kind: 'registry', reference: parseReference(source.slice(9)) }
    return { kind: 'registry', reference: parseReference(source) }
  }
  const kind = prefix.slice(0, -1) as 'oci' | 'oci-archive' | 'docker-archive' | 'dir'
  const body = source.slice(prefix.length)
  if (!body) throw new StowawayError('REFERENCE_INVALID', `Cannot parse source "${source}": no path after "${prefix}"`)
  if (kind === 'dir') return { kind, path: body }
  if (kind === 'docker-archive') {
    const c = body.indexOf(':')
    return c < 0 ? { kind, path: body } : { kind, path: body.slice(0, c), tag: body.slice(c + 1) }
  }
  const at = body.lastIndexOf('@')
  if (at > 0) {
    const digest = body.slice(at + 1)
    parseDigest(digest)
    return { kind, path: body.slice(0, at), digest }
  }
  const c = body.indexOf(':')
  if (c < 0) return { kind, path: body }
  const tag = body.slice(c + 1)
  if (!tag) throw new StowawayError('REFERENCE_INVALID', `Cannot parse source "${source}": empty tag`)
  return { kind, path: body.slice(0, c), tag }
}
