import { describe, it, expect } from 'vitest'
import { parseWwwAuthenticate } from './www-authenticate.ts'

describe('parseWwwAuthenticate', () => {
  it('reads the Docker Hub bearer challenge, commas inside quotes included', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull,push"'),
    ).toEqual([{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull,push' } }])
  })

  it('reads basic, unquoted values, escapes and several challenges', () => {
    expect(parseWwwAuthenticate('Basic realm="fixture-registry"')).toEqual([{ scheme: 'basic', params: { realm: 'fixture-registry' } }])
    const two = parseWwwAuthenticate('Basic realm=simple, Bearer realm="a\\"b", error="invalid_token"')
    expect(two).toEqual([
      { scheme: 'basic', params: { realm: 'simple' } },
      { scheme: 'bearer', params: { realm: 'a"b', error: 'invalid_token' } },
    ])
  })

  it('survives garbage', () => {
    expect(parseWwwAuthenticate('')).toEqual([])
    expect(() => parseWwwAuthenticate('=,"""=')).not.toThrow()
  })
})
