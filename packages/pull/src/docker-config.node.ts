import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { StowawayError } from '@stowaway/core'
import { DOCKER_HUB } from './reference.ts'
import type { CredentialResolver, Credentials } from './types.ts'

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>
  credsStore?: string
  credHelpers?: Record<string, string>
}

/**
 * Options of {@link dockerConfigCredentials}.
 *
 * @example
 * ```ts
 * const o: DockerConfigOptions = { configDir: '/home/ci/.docker', helperTimeoutMs: 5000 }
 * ```
 */
export interface DockerConfigOptions {
  /** Directory holding config.json (default `$DOCKER_CONFIG` or `~/.docker`). */
  configDir?: string
  /** Milliseconds a credential helper may take (default 30 s). */
  helperTimeoutMs?: number
}

/**
 * The key a docker config uses for a registry host, normalised: no scheme, no path,
 * Docker Hub's several spellings folded to `docker.io`.
 *
 * @param key an `auths` key such as `https://index.docker.io/v1/`
 * @returns a registry host
 * @example
 * ```ts
 * import { normalizeConfigKey } from '@stowaway/pull'
 * normalizeConfigKey('https://index.docker.io/v1/') // 'docker.io'
 * ```
 */
export function normalizeConfigKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '')
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host
}

async function runHelper(name: string, server: string, timeoutMs: number): Promise<Credentials | undefined> {
  // Loaded on first use: most pulls run no helper, and child_process costs start-up time.
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${name}`, ['get'], { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (err, stdout) => {
      if (err) {
        // Helpers say "credentials not found in native keychain" on stdout and exit 1.
        if (/not found/i.test(String(stdout)) || /not found/i.test(err.message)) return resolve(undefined)
        return reject(new StowawayError('REGISTRY_AUTH', `Cannot get credentials for "${server}" from docker-credential-${name}: ${err.message.split('\n')[0]}`, { cause: err }))
      }
      try {
        const j = JSON.parse(stdout) as { Username?: string; Secret?: string }
        if (!j.Secret) return resolve(undefined)
        resolve(j.Username === '<token>' ? { identityToken: j.Secret } : { username: j.Username ?? '', password: j.Secret })
      } catch (e) {
        reject(new StowawayError('REGISTRY_AUTH', `Cannot read docker-credential-${name} output for "${server}": not JSON`, { cause: e }))
      }
    })
    child.stdin?.end(server)
  })
}

/**
 * A {@link CredentialResolver} reading docker's `config.json` as `docker login` writes it:
 * `credHelpers` per registry, then `credsStore`, then inline `auths` (base64 `auth`,
 * `username`/`password`, `identitytoken`, `registrytoken`). Helpers run as
 * `docker-credential-<name> get` with the server on stdin.
 *
 * @param options config directory, helper timeout
 * @returns the resolver (anonymous when nothing matches)
 * @example
 * ```ts
 * import { dockerConfigCredentials, pullImage } from '@stowaway/pull'
 * await pullImage('ghcr.io/o/r:1', { auth: dockerConfigCredentials() })
 * ```
 */
export function dockerConfigCredentials(options: DockerConfigOptions = {}): CredentialResolver {
  let config: Promise<DockerConfig> | undefined
  const load = () =>
    (config ??= (async () => {
      const dir = options.configDir ?? process.env.DOCKER_CONFIG ?? join(homedir(), '.docker')
      try {
        return JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as DockerConfig
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {}
        throw new StowawayError('REGISTRY_AUTH', `Cannot read docker config "${join(dir, 'config.json')}": ${(e as Error).message}`, { cause: e })
      }
    })())
  return async (registry) => {
    const c = await load()
    const timeout = options.helperTimeoutMs ?? 30_000
    const server = registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry
    const helper = Object.entries(c.credHelpers ?? {}).find(([k]) => normalizeConfigKey(k) === registry)?.[1]
    if (helper) return runHelper(helper, server, timeout)
    const entry = Object.entries(c.auths ?? {}).find(([k]) => normalizeConfigKey(k) === registry)?.[1]
    if (c.credsStore && !(entry && (entry.auth || entry.identitytoken || entry.registrytoken || entry.password))) return runHelper(c.credsStore, server, timeout)
    if (!entry) return undefined
    if (entry.registrytoken) return { registryToken: entry.registrytoken }
    if (entry.identitytoken) return { identityToken: entry.identitytoken, ...(entry.username ? { username: entry.username } : {}) }
    if (entry.auth) {
      const decoded = new TextDecoder().decode(Uint8Array.from(atob(entry.auth), (ch) => ch.charCodeAt(0)))
      const i = decoded.indexOf(':')
      if (i < 0) throw new StowawayError('REGISTRY_AUTH', `Cannot read docker config auth for "${registry}": not user:password`)
      return { username: decoded.slice(0, i), password: decoded.slice(i + 1) }
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password }
    return undefined
  }
}
