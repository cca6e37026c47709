import { describe, it, expect } from 'vitest'
import { formatReference, isLoopbackRegistry, parseReference } from './reference.ts'

// Normalisations as the docker CLI (distribution/reference ParseNormalizedNamed) performs them.
describe('parseReference', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['alpine:3.20', 'docker.io/library/alpine:3.20'],
    ['library/alpine', 'docker.io/library/alpine:latest'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['docker.io/alpine', 'docker.io/library/alpine:latest'],
    ['index.docker.io/library/alpine:edge', 'docker.io/library/alpine:edge'],
    ['ghcr.io/owner/repo/sub:v1.2.3', 'ghcr.io/owner/repo/sub:v1.2.3'],
    ['localhost/foo', 'localhost/foo:latest'],
    ['localhost:5000/foo/bar:tag', 'localhost:5000/foo/bar:tag'],
    ['127.0.0.1:5000/fixtures/debian-app', '127.0.0.1:5000/fixtures/debian-app:latest'],
    ['[::1]:5000/a', '[::1]:5000/a:latest'],
    ['my-registry.example.com:443/team/app_x__y-z:1', 'my-registry.example.com:443/team/app_x__y-z:1'],
  ])('%s → %s', (input, want) => {
    expect(formatReference(parseReference(input))).toBe(want)
  })

  it('keeps a digest and adds no tag', () => {
    const d = 'sha256:' + 'a'.repeat(64)
    const r = parseReference(`alpine@${d}`)
    expect(r).toEqual({ registry: 'docker.io', repository: 'library/alpine', digest: d })
    expect(parseReference(`alpine:3@${d}`).tag).toBe('3')
  })

  it('treats a first component without dot, colon or localhost as a Docker Hub namespace', () => {
    expect(parseReference('foo/bar').registry).toBe('docker.io')
    expect(parseReference('foo.bar/baz').registry).toBe('foo.bar')
  })

  it.each(['', 'Alpine', 'alpine:', 'alpine@sha256:abc', 'a//b', 'alpine:-bad', 'UPPER.io/x/Y', `alpine@md5:${'a'.repeat(32)}`])(
    'rejects %j',
    (input) => {
      expect(() => parseReference(input)).toThrow(expect.objectContaining({ code: expect.stringMatching(/REFERENCE_INVALID|UNSUPPORTED/) }))
    },
  )
})

describe('isLoopbackRegistry', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.4.5.6', true],
    ['[::1]:5000', true],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['docker.io', false],
  ])('%s → %s', (host, want) => expect(isLoopbackRegistry(host)).toBe(want))
})

describe('registryBaseUrl', () => {
  it('uses HTTPS except for loopback or --plain-http, and Docker Hub’s API host', async () => {
    const { registryBaseUrl } = await import('./registry-client.ts')
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io')
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io')
    expect(registryBaseUrl('registry.internal:5000')).toBe('https://registry.internal:5000')
    expect(registryBaseUrl('registry.internal:5000', { plainHttp: true })).toBe('http://registry.internal:5000')
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000')
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000')
    expect(registryBaseUrl('docker.io', { registryUrl: 'https://cors-proxy.example/hub/' })).toBe('https://cors-proxy.example/hub')
  })
})
