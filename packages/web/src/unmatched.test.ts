import { describe, it, expect } from 'vitest'
import type { Inventory } from '@stowaway/core'
import { classifyComponents } from './unmatched.ts'

// A DB stub that knows only the npm and Alpine v3.9 shards.
const db = { has: (e: string) => ['npm', 'alpine:v3.9'].includes(e.toLowerCase()) }

describe('classifyComponents', () => {
  it('names the ecosystems to load once and explains every component it cannot match', () => {
    const inv: Inventory = {
      packages: [
        { name: 'lodash', version: '4.17.11', type: 'npm', purl: 'pkg:npm/lodash@4.17.11' },
        { name: 'ws', version: '7.0.0', type: 'npm', purl: 'pkg:npm/ws@7.0.0' },
        { name: 'musl', version: '1.1.20-r3', type: 'apk', purl: 'pkg:apk/alpine/musl@1.1.20-r3?distro=alpine-3.9.2' },
        { name: 'mystery', version: '1', type: 'generic' },
        { name: 'x', version: '1', type: 'generic', purl: 'pkg:generic/x@1' },
        { name: 'requests', version: '2.0.0', type: 'pypi', purl: 'pkg:pypi/requests@2.0.0' },
      ],
      warnings: [],
    }
    const { ecosystems, unmatched } = classifyComponents(inv, db)
    expect(ecosystems.sort()).toEqual(['Alpine:v3.9', 'npm'])
    expect(unmatched.map((u) => [u.name, u.reason])).toEqual([
      ['mystery', 'no-purl'],
      ['x', 'unknown-ecosystem'],
      ['requests', 'no-advisory-data'],
    ])
    expect(unmatched[2]!.ecosystem).toBe('PyPI')
  })
})
