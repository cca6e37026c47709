/**
 * One auth challenge from a `WWW-Authenticate` header.
 *
 * @example
 * ```ts
 * const c: AuthChallenge = parseWwwAuthenticate('Basic realm="r"')[0]!
 * ```
 */
export interface AuthChallenge {
  /** Lowercased scheme: `bearer`, `basic` … */
  scheme: string
  /** Parameters with lowercased names (`realm`, `service`, `scope`, `error`). */
  params: Record<string, string>
}

/**
 * Parse a `WWW-Authenticate` header value (RFC 7235): several challenges, quoted strings
 * with escapes, commas inside quotes (scopes such as `repository:a:pull,push`).
 *
 * @param header the header value
 * @returns the challenges in order
 * @example
 * ```ts
 * import { parseWwwAuthenticate } from '@stowaway/pull'
 * parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io"')[0]!.params.realm
 * ```
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const out: AuthChallenge[] = []
  let i = 0
  const s = header
  const skipWs = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++
  }
  const token = () => {
    const m = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.exec(s.slice(i))
    if (!m) return ''
    i += m[0].length
    return m[0]
  }
  let current: AuthChallenge | undefined
  while (i < s.length) {
    skipWs()
    if (s[i] === ',') {
      i++
      continue
    }
    const start = i
    const t = token()
    if (!t) {
      i++
      continue
    }
    skipWs()
    if (s[i] === '=' && current) {
      // auth-param of the current challenge
      i++
      skipWs()
      let value = ''
      if (s[i] === '"') {
        i++
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++
          value += s[i]
          i++
        }
        i++
      } else {
        const m = /^[^,\s]*/.exec(s.slice(i))!
        value = m[0]
        i += value.length
      }
      current.params[t.toLowerCase()] = value
    } else {
      // a new scheme (a token68 after it, if any, is ignored: registries never send one)
      i = start + t.length
      current = { scheme: t.toLowerCase(), params: {} }
      out.push(current)
    }
  }
  return out
}
