import { describe, it, expect } from 'vitest'
import { parseSource } from './source.ts'

describe('parseSource', () => {
  const d = 'sha256:' + 'b'.repeat(64)
  it.each([
    ['oci:/x/layout', { kind: 'oci', path: '/x/layout' }],
    ['oci:/x/layout:latest', { kind: 'oci', path: '/x/layout', tag: 'latest' }],
    [`oci:/x/layout@${d}`, { kind: 'oci', path: '/x/layout', digest: d }],
    ['oci-archive:img.tar:v1', { kind: 'oci-archive', path: 'img.tar', tag: 'v1' }],
    ['docker-archive:img.tar', { kind: 'docker-archive', path: 'img.tar' }],
    ['docker-archive:img.tar:docker.io/a/b:1', { kind: 'docker-archive', path: 'img.tar', tag: 'docker.io/a/b:1' }],
    ['dir:/rootfs', { kind: 'dir', path: '/rootfs' }],
  ])('%s', (input, want) => expect(parseSource(input)).toEqual(want))

  it('reads everything else as a registry reference', () => {
    expect(parseSource('alpine')).toEqual({ kind: 'registry', reference: { registry: 'docker.io', repository: 'library/alpine', tag: 'latest' } })
    expect(parseSource('docker://localhost:5000/a:b')).toMatchObject({ kind: 'registry', reference: { registry: 'localhost:5000', tag: 'b' } })
  })

  it('rejects an empty path or tag', () => {
    expect(() => parseSource('oci:')).toThrow(/no path/)
    expect(() => parseSource('oci:/x:')).toThrow(/empty tag/)
  })
})
