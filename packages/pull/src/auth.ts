import { StowawayError, readAllBytes } from '@stowaway/core'
import type { Credentials, CredentialResolver } from './types.ts'
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate.ts'

interface CachedToken {
  header: string
  expiresAt: number
}

const utf8b64 = (s: string) => {
  const bytes = new TextEncoder().encode(s)
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin)
}

/**
 * `Authorization` header value for HTTP basic auth.
 *
 * @param username user
 * @param password password
 * @returns `Basic …`
 * @example
 * ```ts
 * import { basicAuthorization } from '@stowaway/pull'
 * basicAuthorization('u', 'p') // 'Basic dTpw'
 * ```
 */
export const basicAuthorization = (username: string, password: string) => `Basic ${utf8b64(`${username}:${password}`)}`

/**
 * What {@link RegistryAuth} reads of a token realm's answer; a fetch `Response` satisfies it.
 *
 * @example
 * ```ts
 * const r: TokenResponse = new Response('{"token":"t"}')
 * ```
 */
export interface TokenResponse {
  status: number
  body: ReadableStream<Uint8Array> | null
}

/**
 * What {@link RegistryAuth} needs to talk to token realms.
 *
 * @example
 * ```ts
 * const o: RegistryAuthOptions = { registry: 'ghcr.io', send: (u, i) => fetch(u, i) }
 * ```
 */
export interface RegistryAuthOptions {
  registry: string
  auth?: Credentials | CredentialResolver
  /** Sends token requests (same transport, timeouts and retries as the registry). */
  send: (url: string, init: RequestInit) => Promise<TokenResponse>
  now?: () => number
}

/**
 * Authentication state for one registry: the last challenge seen, and bearer tokens cached
 * per scope until shortly before they expire. Handles anonymous and credentialed bearer
 * tokens (GET realm), identity/refresh tokens (OAuth2 POST realm), ready registry tokens
 * and basic auth.
 *
 * @example
 * ```ts
 * import { RegistryAuth } from '@stowaway/pull'
 * const auth = new RegistryAuth({ registry: 'ghcr.io', send: (u, i) => fetch(u, i) })
 * const header = await auth.authorization('repository:o/r:pull')
 * ```
 */
export class RegistryAuth {
  private challenge: AuthChallenge | undefined
  private tokens = new Map<string, CachedToken>()
  private creds: Promise<Credentials | undefined> | undefined
  /** Token requests made so far (tests check that tokens are cached). */
  tokenRequests = 0

  /** @param options registry, credentials and transport */
  constructor(private readonly options: RegistryAuthOptions) {}

  private credentials(): Promise<Credentials | undefined> {
    const a = this.options.auth
    this.creds ??= Promise.resolve(typeof a === 'function' ? a(this.options.registry) : a)
    return this.creds
  }

  private now() {
    return (this.options.now ?? Date.now)()
  }

  /**
   * The header to send proactively for `scope`: a cached token, or a fresh one when the
   * registry's challenge is already known.
   *
   * @param scope e.g. `repository:library/alpine:pull`
   * @returns the `Authorization` value, or undefined to go anonymous
   */
  async authorization(scope: string): Promise<string | undefined> {
    const cached = this.tokens.get(scope)
    if (cached && cached.expiresAt > this.now()) return cached.header
    if (!this.challenge) {
      const c = await this.credentials()
      return c && 'registryToken' in c ? `Bearer ${c.registryToken}` : undefined
    }
    return this.fromChallenge(this.challenge, scope)
  }

  /**
   * React to a 401: remember the challenge, drop the token that failed, fetch a new one.
   *
   * @param header the `WWW-Authenticate` value
   * @param scope the scope of the failed request
   * @param failed the `Authorization` value that was refused, if any
   * @returns the header to retry with
   * @throws StowawayError `REGISTRY_AUTH` when nothing can be retried
   */
  async unauthorized(header: string | null, scope: string, failed?: string): Promise<string> {
    const challenges = header ? parseWwwAuthenticate(header) : []
    const c = challenges.find((x) => x.scheme === 'bearer') ?? challenges.find((x) => x.scheme === 'basic')
    if (!c) throw new StowawayError('REGISTRY_AUTH', `Cannot authenticate to "${this.options.registry}": 401 without a usable challenge`)
    this.challenge = c
    this.tokens.delete(scope)
    const next = await this.fromChallenge(c, scope)
    if (!next || next === failed) {
      const creds = await this.credentials()
      throw new StowawayError(
        'REGISTRY_AUTH',
        `Cannot authenticate to "${this.options.registry}": ${creds ? 'credentials were refused' : 'the registry needs credentials'}${c.params.error ? ` (${c.params.error})` : ''}`,
        { details: { registry: this.options.registry, scope } },
      )
    }
    return next
  }

  private async fromChallenge(c: AuthChallenge, scope: string): Promise<string | undefined> {
    const creds = await this.credentials()
    if (c.scheme === 'basic') {
      if (creds && 'username' in creds && 'password' in creds) return basicAuthorization(creds.username, creds.password!)
      return undefined
    }
    if (creds && 'registryToken' in creds) return `Bearer ${creds.registryToken}`
    const realm = c.params.realm
    if (!realm) throw new StowawayError('REGISTRY_AUTH', `Cannot authenticate to "${this.options.registry}": bearer challenge without realm`)
    const token = await this.fetchToken(realm, c.params.service, scope, creds)
    this.tokens.set(scope, token)
    return token.header
  }

  private async fetchToken(realm: string, service: string | undefined, scope: string, creds: Credentials | undefined): Promise<CachedToken> {
    this.tokenRequests++
    let res: TokenResponse
    if (creds && 'identityToken' in creds) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: 'stowaway', scope })
      if (service) form.set('service', service)
      res = await this.options.send(realm, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      })
    } else {
      const url = new URL(realm)
      if (service) url.searchParams.set('service', service)
      url.searchParams.append('scope', scope)
      const headers: Record<string, string> = {}
      if (creds && 'password' in creds) headers.Authorization = basicAuthorization(creds.username, creds.password)
      res = await this.options.send(url.toString(), { headers })
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel()
      throw new StowawayError('REGISTRY_AUTH', `Cannot get a token for "${this.options.registry}": the token service answered ${res.status}${creds ? ' (credentials refused)' : ''}`, {
        details: { realm, status: res.status },
      })
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel()
      throw new StowawayError('REGISTRY_HTTP', `Cannot get a token for "${this.options.registry}": the token service answered ${res.status}`, { details: { realm, status: res.status } })
    }
    // A token is a few KB; a hostile realm must not make us buffer more than 1 MiB.
    const text = res.body ? new TextDecoder().decode(await readAllBytes(res.body, 1024 * 1024)) : ''
    let body: { token?: string; access_token?: string; expires_in?: number; issued_at?: string }
    try {
      body = JSON.parse(text)
    } catch (e) {
      throw new StowawayError('REGISTRY_AUTH', `Cannot get a token for "${this.options.registry}": the token response is not JSON`, { cause: e })
    }
    const token = body.token || body.access_token
    if (!token) throw new StowawayError('REGISTRY_AUTH', `Cannot get a token for "${this.options.registry}": the response has no token`)
    // Registries must accept at least 60 s; renew 10 s early so a slow request never carries a stale token.
    const ttl = Math.max(60, typeof body.expires_in === 'number' ? body.expires_in : 60)
    const issued = body.issued_at ? Date.parse(body.issued_at) : NaN
    const start = Number.isNaN(issued) ? this.now() : Math.min(issued, this.now())
    return { header: `Bearer ${token}`, expiresAt: start + (ttl - 10) * 1000 }
  }
}
