import { describe, it, expect } from 'vitest'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dockerConfigCredentials, normalizeConfigKey } from './docker-config.node.ts'

describe('dockerConfigCredentials', () => {
  it('normalises config keys the way docker writes them', () => {
    expect(normalizeConfigKey('https://index.docker.io/v1/')).toBe('docker.io')
    expect(normalizeConfigKey('registry-1.docker.io')).toBe('docker.io')
    expect(normalizeConfigKey('https://ghcr.io')).toBe('ghcr.io')
    expect(normalizeConfigKey('localhost:5000')).toBe('localhost:5000')
  })

  it('reads auths (base64 auth, identitytoken, registrytoken) and falls back to credsStore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-dcfg-'))
    const helper = join(dir, 'docker-credential-stowawaystore')
    writeFileSync(helper, `#!/bin/sh\nread s\n[ "$s" = "https://index.docker.io/v1/" ] && { echo '{"Username":"<token>","Secret":"hub-refresh"}'; exit 0; }\necho "credentials not found in native keychain"; exit 1\n`)
    chmodSync(helper, 0o755)
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          'https://ghcr.io': { auth: Buffer.from('me:pa:ss').toString('base64') },
          'quay.io': { identitytoken: 'quay-refresh', username: 'me' },
          'r.example': { registrytoken: 'bearer-x' },
          'https://index.docker.io/v1/': {},
        },
        credsStore: 'stowawaystore',
      }),
    )
    const old = process.env.PATH
    process.env.PATH = `${dir}:${old}`
    try {
      const creds = dockerConfigCredentials({ configDir: dir })
      expect(await creds('ghcr.io')).toEqual({ username: 'me', password: 'pa:ss' })
      expect(await creds('quay.io')).toEqual({ identityToken: 'quay-refresh', username: 'me' })
      expect(await creds('r.example')).toEqual({ registryToken: 'bearer-x' })
      expect(await creds('docker.io')).toEqual({ identityToken: 'hub-refresh' })
      expect(await creds('unknown.example')).toBeUndefined()
    } finally {
      process.env.PATH = old
    }
  })

  it('is anonymous without a config file, and reports a broken one', async () => {
    expect(await dockerConfigCredentials({ configDir: mkdtempSync(join(tmpdir(), 'stowaway-none-')) })('docker.io')).toBeUndefined()
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-bad-'))
    writeFileSync(join(dir, 'config.json'), '{not json')
    await expect(dockerConfigCredentials({ configDir: dir })('docker.io')).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
  })
})
