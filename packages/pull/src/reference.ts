import { StowawayError } from '@stowaway/core'
import { parseDigest } from './digest.ts'

/**
 * A registry image reference, normalised the way the docker CLI does it.
 *
 * @example
 * ```ts
 * const r: ImageReference = parseReference('ghcr.io/o/r:1')
 * ```
 */
export interface ImageReference {
  /** Registry host with optional port, e.g. `docker.io`, `localhost:5000`. */
  registry: string
  /** Repository path, e.g. `library/alpine`. */
  repository: string
  /** Tag, when given or defaulted (`latest` when neither tag nor digest was given). */
  tag?: string
  /** Digest, when given. */
  digest?: string
}

/**
 * The Docker Hub name as written in references.
 *
 * @example
 * ```ts
 * parseReference('alpine').registry === DOCKER_HUB // true
 * ```
 */
export const DOCKER_HUB = 'docker.io'

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/

/**
 * Parse an image reference as the docker CLI does: a first path component is a registry
 * only if it contains `.` or `:` or is `localhost`; otherwise the image is on Docker Hub,
 * and single names live under `library/`. Without tag or digest, the tag is `latest`.
 *
 * @param input e.g. `alpine`, `ghcr.io/o/r:1`, `localhost:5000/x@sha256:…`
 * @returns the normalised reference
 * @throws StowawayError `REFERENCE_INVALID`
 * @example
 * ```ts
 * import { parseReference, formatReference } from '@stowaway/pull'
 * formatReference(parseReference('alpine')) // 'docker.io/library/alpine:latest'
 * ```
 */
export function parseReference(input: string): ImageReference {
  const bad = (why: string) => new StowawayError('REFERENCE_INVALID', `Cannot parse image reference "${input}": ${why}`)
  if (!input || input.length > 4096) throw bad('empty or too long')
  let rest = input
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    try {
      parseDigest(digest)
    } catch (e) {
      throw bad(`digest: ${(e as Error).message}`)
    }
  }
  let tag: string | undefined
  const lastColon = rest.lastIndexOf(':')
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1)
    rest = rest.slice(0, lastColon)
    if (!TAG.test(tag)) throw bad(`tag "${tag}" is invalid`)
  }
  let registry = DOCKER_HUB
  let path = rest
  const slash = rest.indexOf('/')
  if (slash >= 0) {
    const first = rest.slice(0, slash)
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[')) {
      registry = first
      path = rest.slice(slash + 1)
      if (!DOMAIN.test(registry)) throw bad(`registry "${registry}" is invalid`)
    }
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB
  if (!path) throw bad('no repository')
  for (const c of path.split('/')) {
    if (!COMPONENT.test(c)) throw bad(`path component "${c}" must be lowercase letters, digits and separators`)
  }
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`
  if (!tag && !digest) tag = 'latest'
  return { registry, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }
}

/**
 * Format a reference back to its canonical string (`registry/repo[:tag][@digest]`).
 *
 * @param ref a parsed reference
 * @returns the fully qualified reference
 * @example
 * ```ts
 * import { formatReference } from '@stowaway/pull'
 * formatReference({ registry: 'docker.io', repository: 'library/alpine', tag: '3.20' })
 * ```
 */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`
}

/**
 * Whether a registry host is loopback (`localhost`, `127.0.0.0/8`, `::1`): those use plain
 * HTTP without a flag, as docker does.
 *
 * @param registry host with optional port
 * @returns true for loopback
 * @example
 * ```ts
 * import { isLoopbackRegistry } from '@stowaway/pull'
 * isLoopbackRegistry('127.0.0.1:5000') // true
 * ```
 */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.replace(/:\d+$/, '')
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
