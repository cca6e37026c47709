import type { Cataloger } from './cataloger.ts'
import { rpmCataloger } from './catalogers/rpm.ts'
import { dpkgCataloger } from './catalogers/dpkg.ts'
import { apkCataloger } from './catalogers/apk.ts'
import { npmPackageJsonCataloger } from './catalogers/npm-package-json.ts'
import { npmPackageLockCataloger } from './catalogers/npm-package-lock.ts'
import { yarnLockCataloger } from './catalogers/npm-yarn-lock.ts'
import { pnpmLockCataloger } from './catalogers/npm-pnpm-lock.ts'
import { pythonMetadataCataloger } from './catalogers/python-metadata.ts'
import { pipfileLockCataloger, poetryLockCataloger } from './catalogers/python-lockfiles.ts'
import { goBinaryCataloger } from './catalogers/go-binary.ts'
import { javaArchiveCataloger } from './catalogers/java-archive.ts'
import { gemfileLockCataloger, gemspecCataloger } from './catalogers/ruby.ts'
import { composerInstalledCataloger, composerLockCataloger } from './catalogers/php-composer.ts'
import { cargoLockCataloger } from './catalogers/rust-cargo-lock.ts'
import { cargoAuditableCataloger } from './catalogers/rust-audit.ts'
import { dotnetDepsJsonCataloger } from './catalogers/dotnet-deps-json.ts'

/**
 * Every cataloger Stowaway runs by default, in reporting order. Add new catalogers here.
 *
 * @example
 * ```ts
 * import { DEFAULT_CATALOGERS } from '@stowaway/sbom'
 * DEFAULT_CATALOGERS.map((c) => c.name)
 * ```
 */
export const DEFAULT_CATALOGERS: Cataloger[] = [
  // OS package databases
  dpkgCataloger,
  apkCataloger,
  rpmCataloger,
  // language ecosystems
  npmPackageJsonCataloger,
  npmPackageLockCataloger,
  yarnLockCataloger,
  pnpmLockCataloger,
  pythonMetadataCataloger,
  poetryLockCataloger,
  pipfileLockCataloger,
  goBinaryCataloger,
  javaArchiveCataloger,
  gemspecCataloger,
  gemfileLockCataloger,
  composerInstalledCataloger,
  composerLockCataloger,
  cargoLockCataloger,
  cargoAuditableCataloger,
  dotnetDepsJsonCataloger,
]
