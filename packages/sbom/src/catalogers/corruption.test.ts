import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Warning } from '@stowaway/core'
import { createFileTree } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { sharedPath } from '../../../../test/support/shared.ts'
import { rpmCataloger } from './rpm.ts'
import { javaArchiveCataloger } from './java-archive.ts'
import { goBinaryCataloger } from './go-binary.ts'
import { npmPackageLockCataloger } from './npm-package-lock.ts'
import { pnpmLockCataloger } from './npm-pnpm-lock.ts'
import { cargoLockCataloger } from './rust-cargo-lock.ts'

// Deterministic PRNG (mulberry32) so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const D = sharedPath('data/pkgdb')

/**
 * Damage a fixture many ways (random byte flips, 0xff runs, truncation) and run its
 * cataloger on each: it must return (packages and/or warnings), never throw or hang.
 */
describe.skipIf(!D)('corrupted inputs never crash a cataloger', () => {
  const cases: [string, string, Cataloger][] = [
    ['knqyf263__go-rpmdb/pkg/testdata/sle15-bci/Packages.db', 'usr/lib/sysimage/rpm/Packages.db', rpmCataloger],
    ['knqyf263__go-rpmdb/pkg/testdata/libuuid/Packages', 'var/lib/rpm/Packages', rpmCataloger],
    ['knqyf263__go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite', 'var/lib/rpm/rpmdb.sqlite', rpmCataloger],
    ['aquasecurity__trivy/pkg/dependency/parser/java/jar/testdata/nested.jar', 'app/nested.jar', javaArchiveCataloger],
    ['aquasecurity__trivy/pkg/dependency/parser/golang/binary/testdata/main-version-via-ldflags.elf', 'usr/local/bin/app', goBinaryCataloger],
    ['aquasecurity__trivy/pkg/dependency/parser/nodejs/npm/testdata/package-lock_v3.json', 'app/package-lock.json', npmPackageLockCataloger],
    ['aquasecurity__trivy/pkg/dependency/parser/nodejs/pnpm/testdata/pnpm-lock_v9.yaml', 'app/pnpm-lock.yaml', pnpmLockCataloger],
    ['aquasecurity__trivy/pkg/dependency/parser/rust/cargo/testdata/cargo_v3.lock', 'app/Cargo.lock', cargoLockCataloger],
  ]
  for (const [rel, path, cataloger] of cases) {
    it(`${cataloger.name}: ${rel.split('/').pop()}`, async () => {
      const orig = new Uint8Array(readFileSync(join(D!, rel)))
      const rand = rng(orig.length)
      let warned = 0
      for (let round = 0; round < 40; round++) {
        let bytes = orig.slice()
        const kind = round % 3
        if (kind === 0) for (let k = 0; k < 1 + Math.floor(rand() * 64); k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256)
        else if (kind === 1) bytes.fill(0xff, Math.floor(rand() * bytes.length), Math.floor(rand() * bytes.length))
        else bytes = bytes.slice(0, Math.floor(rand() * bytes.length))
        const warnings: Warning[] = []
        const tree = createFileTree([{ path, bytes, size: bytes.length, mode: 0o755, layer: 'sha256:l', layerIndex: 0 }])
        const pkgs = await cataloger.catalog({ tree, warn: (w) => warnings.push(w) })
        expect(Array.isArray(pkgs)).toBe(true)
        for (const w of warnings) expect(w.message).toMatch(/^Cannot /)
        warned += warnings.length ? 1 : 0
      }
      // Some damage must be noticed (flips in string data may legitimately go unseen).
      expect(warned).toBeGreaterThan(0)
    })
  }
})
