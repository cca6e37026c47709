import { describe, it, expect } from 'vitest'
import { RegistryAuth, basicAuthorization } from './auth.ts'

const challenge = 'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"'

// A token realm double: records requests, answers with numbered tokens.
function realm(expiresIn = 300) {
  const calls: { url: string; init: RequestInit }[] = []
  const send = async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return new Response(JSON.stringify({ token: `t${calls.length}`, expires_in: expiresIn }), { status: 200 })
  }
  return { calls, send }
}

describe('RegistryAuth', () => {
  it('basic header is base64 of user:password (RFC 7617 example)', () => {
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')
  })

  it('fetches an anonymous token with service and scope, caches it per scope until it expires', async () => {
    let now = 1_000_000
    const r = realm(60)
    const auth = new RegistryAuth({ registry: 'registry.example', send: r.send, now: () => now })
    expect(await auth.authorization('repository:a/b:pull')).toBeUndefined()
    expect(await auth.unauthorized(challenge, 'repository:a/b:pull')).toBe('Bearer t1')
    const u = new URL(r.calls[0]!.url)
    expect(u.searchParams.get('service')).toBe('registry.example')
    expect(u.searchParams.get('scope')).toBe('repository:a/b:pull')
    expect(new Headers(r.calls[0]!.init.headers).get('authorization')).toBeNull()
    expect(await auth.authorization('repository:a/b:pull')).toBe('Bearer t1')
    expect(await auth.authorization('repository:c/d:pull')).toBe('Bearer t2')
    now += 55_000
    expect(await auth.authorization('repository:a/b:pull')).toBe('Bearer t3')
    expect(auth.tokenRequests).toBe(3)
  })

  it('sends basic credentials to the realm, and an identity token as an OAuth2 refresh grant', async () => {
    const r = realm()
    const withPass = new RegistryAuth({ registry: 'registry.example', auth: { username: 'u', password: 'p' }, send: r.send })
    await withPass.unauthorized(challenge, 'repository:a/b:pull')
    expect(new Headers(r.calls[0]!.init.headers).get('authorization')).toBe(basicAuthorization('u', 'p'))
    const withIdentity = new RegistryAuth({ registry: 'registry.example', auth: async () => ({ identityToken: 'refresh-me' }), send: r.send })
    await withIdentity.unauthorized(challenge, 'repository:a/b:pull')
    const call = r.calls[1]!
    expect(call.init.method).toBe('POST')
    const form = new URLSearchParams(String(call.init.body))
    expect(Object.fromEntries(form)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-me', service: 'registry.example', scope: 'repository:a/b:pull' })
  })

  it('answers a basic challenge with credentials and fails clearly without them', async () => {
    const r = realm()
    const ok = new RegistryAuth({ registry: 'r', auth: { username: 'u', password: 'p' }, send: r.send })
    expect(await ok.unauthorized('Basic realm="x"', 's')).toBe(basicAuthorization('u', 'p'))
    await expect(ok.unauthorized('Basic realm="x"', 's', basicAuthorization('u', 'p'))).rejects.toMatchObject({
      code: 'REGISTRY_AUTH',
      message: expect.stringContaining('refused'),
    })
    const anon = new RegistryAuth({ registry: 'r', send: r.send })
    await expect(anon.unauthorized('Basic realm="x"', 's')).rejects.toMatchObject({ code: 'REGISTRY_AUTH', message: expect.stringContaining('needs credentials') })
    await expect(anon.unauthorized(null, 's')).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
  })

  it('maps a refused token request to REGISTRY_AUTH', async () => {
    const auth = new RegistryAuth({ registry: 'r', auth: { username: 'u', password: 'bad' }, send: async () => new Response('{}', { status: 401 }) })
    await expect(auth.unauthorized(challenge, 's')).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
  })

  it('refuses an oversized token response instead of buffering it', async () => {
    const huge = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(64 * 1024).fill(32)),
    })
    const auth = new RegistryAuth({ registry: 'r', send: async () => new Response(huge, { status: 200 }) })
    await expect(auth.unauthorized(challenge, 's')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' })
  })

  it('uses a ready registry token without asking the realm', async () => {
    const r = realm()
    const auth = new RegistryAuth({ registry: 'r', auth: { registryToken: 'ready' }, send: r.send })
    expect(await auth.authorization('s')).toBe('Bearer ready')
    expect(r.calls).toHaveLength(0)
  })
})
