import { describe, it, expect } from 'vitest'
import { formatPlatform, parsePlatform, platformMatches, selectPlatform } from './platform.ts'

const entries = [
  { id: 'amd64', platform: { os: 'linux', architecture: 'amd64' } },
  { id: 'armv6', platform: { os: 'linux', architecture: 'arm', variant: 'v6' } },
  { id: 'armv7', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
  { id: 'arm64', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  { id: 'att', platform: { os: 'unknown', architecture: 'unknown' } },
  { id: 'win', platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' } },
]

describe('platforms', () => {
  it('parse and format os/arch[/variant]', () => {
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' })
    expect(formatPlatform(parsePlatform('linux/amd64'))).toBe('linux/amd64')
    expect(() => parsePlatform('linux')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => parsePlatform('linux//v7')).toThrow()
  })

  it('select the exact variant, or any variant when none is asked', () => {
    expect(selectPlatform(entries, parsePlatform('linux/arm/v7')).id).toBe('armv7')
    expect(selectPlatform(entries, parsePlatform('linux/arm/v6')).id).toBe('armv6')
    expect(selectPlatform(entries, parsePlatform('linux/arm64')).id).toBe('arm64')
    expect(selectPlatform(entries, parsePlatform('windows/amd64')).id).toBe('win')
  })

  it('treat arm64 without variant as v8', () => {
    expect(platformMatches({ os: 'linux', architecture: 'arm64' }, parsePlatform('linux/arm64/v8'))).toBe(true)
    expect(platformMatches({ os: 'linux', architecture: 'arm', variant: 'v6' }, parsePlatform('linux/arm/v7'))).toBe(false)
  })

  it('list the available platforms (not attestations) when none fits', () => {
    let err: any
    try {
      selectPlatform(entries, parsePlatform('linux/s390x'), 'index "x"')
    } catch (e) {
      err = e
    }
    expect(err.code).toBe('PLATFORM_NOT_FOUND')
    expect(err.message).toBe(
      'Cannot select platform "linux/s390x" in index "x": available "linux/amd64", "linux/arm/v6", "linux/arm/v7", "linux/arm64/v8", "windows/amd64"',
    )
  })
})
