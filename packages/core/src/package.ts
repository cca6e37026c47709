/**
 * One installed package as the SBOM stage reports it and the match stage consumes it.
 * Every field but `name`, `version` and `type` is optional so that packages read back
 * from other tools' SBOMs fit the same shape.
 *
 * @example A Debian package found in layer 2
 * ```ts
 * import type { Package } from '@stowaway/core'
 * const pkg: Package = {
 *   name: 'libssl3', version: '3.0.22-1~deb12u2', type: 'deb', ecosystem: 'Debian:12',
 *   purl: 'pkg:deb/debian/libssl3@3.0.22-1~deb12u2?arch=amd64&distro=debian-12',
 *   source: { name: 'openssl', version: '3.0.22-1~deb12u2' },
 *   locations: [{ path: 'var/lib/dpkg/status', layer: 'sha256:956f…' }],
 * }
 * ```
 */
export interface Package {
  /** Package name as its package manager spells it. */
  name: string
  /** Installed version, in the ecosystem's own syntax (dpkg epoch included, rpm `E:V-R`). */
  version: string
  /** Package type as purl spells it: `deb`, `rpm`, `apk`, `npm`, `pypi`, `golang`, `maven`, `gem`, `composer`, `cargo`, `nuget`, `cran`, `hackage`, `pub`, `generic` … */
  type: string
  /** OSV ecosystem name, with the distro release for OS packages (`Debian:12`, `Alpine:v3.19`, `AlmaLinux:9`). */
  ecosystem?: string
  /** Package URL per the purl spec. */
  purl?: string
  /** CPE 2.3 formatted-string candidates. */
  cpes?: string[]
  /** The source package the binary was built from (dpkg Source, apk origin, rpm source rpm). */
  source?: { name: string; version?: string }
  /** SPDX license expressions or names as declared. */
  licenses?: string[]
  /** Where the package was found. */
  locations?: PackageLocation[]
  /** Architecture where the format records one. */
  arch?: string
  /** Extra per-cataloger facts (e.g. rpm epoch, npm integrity). */
  metadata?: Record<string, unknown>
}

/**
 * A file that evidences a package, with the layer that wrote it.
 *
 * @example
 * ```ts
 * import type { PackageLocation } from '@stowaway/core'
 * const loc: PackageLocation = { path: 'lib/apk/db/installed', layer: 'sha256:abc…' }
 * ```
 */
export interface PackageLocation {
  /** Path inside the image root, without a leading slash. */
  path: string
  /** Digest (diffID if known, else blob digest) of the layer that last wrote the file. */
  layer?: string
}

/**
 * The operating system an image was built from, read from os-release and friends.
 *
 * @example
 * ```ts
 * import type { Distro } from '@stowaway/core'
 * const d: Distro = { id: 'alpine', versionId: '3.19.1', prettyName: 'Alpine Linux v3.19' }
 * ```
 */
export interface Distro {
  /** os-release `ID` (`debian`, `alpine`, `almalinux`, `rhel` …). */
  id: string
  /** os-release `VERSION_ID`. */
  versionId?: string
  /** os-release `VERSION_CODENAME`. */
  codename?: string
  /** os-release `PRETTY_NAME`. */
  prettyName?: string
  /** os-release `ID_LIKE` split on spaces. */
  idLike?: string[]
}

/**
 * What the SBOM stage produces and the match stage consumes: the packages of one
 * image (or one SBOM file), the OS they belong to, and the warnings met on the way.
 *
 * @example
 * ```ts
 * import type { Inventory } from '@stowaway/core'
 * const inv: Inventory = { packages: [], distro: { id: 'alpine', versionId: '3.9.4' }, warnings: [] }
 * ```
 */
export interface Inventory {
  packages: Package[]
  distro?: Distro
  /** The image or file the inventory describes. */
  source?: {
    /** User-facing name: image reference, `oci:dir`, SBOM file name … */
    name: string
    /** Manifest digest for images. */
    digest?: string
    /** Layers bottom-up: blob digest and diffID. */
    layers?: { digest: string; diffId?: string }[]
  }
  warnings: import('./warning.ts').Warning[]
}
