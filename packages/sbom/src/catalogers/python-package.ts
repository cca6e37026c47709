import type { Package } from '@stowaway/core'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

/**
 * Normalise a Python distribution name per PEP 503: lower case, every run of `-`,
 * `_` and `.` becomes one `-`. The purl spec requires this form for `pkg:pypi`.
 *
 * @param name the declared name
 * @returns the normalised name
 * @example
 * ```ts
 * import { normalizePythonName } from '@stowaway/sbom'
 * normalizePythonName('backports.ssl_match_hostname') // 'backports-ssl-match-hostname'
 * ```
 */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase()
}

/**
 * Build a PyPI {@link Package}: the name as declared, ecosystem `PyPI`, purl with the
 * PEP 503 name.
 *
 * @param name declared name
 * @param version installed or locked version
 * @param file the evidencing file
 * @param extra licenses and metadata
 * @returns the package
 * @example
 * ```ts
 * import { pypiPackage } from '@stowaway/sbom'
 * pypiPackage('Flask_Cors', '3.0.10', { path: 'x/METADATA' }).purl // 'pkg:pypi/flask-cors@3.0.10'
 * ```
 */
export function pypiPackage(
  name: string,
  version: string,
  file: { path: string; layer?: string },
  extra: { licenses?: string[]; metadata?: Record<string, unknown> } = {},
): Package {
  const pkg: Package = {
    name,
    version,
    type: 'pypi',
    ecosystem: 'PyPI',
    purl: formatPurl({ type: 'pypi', name: normalizePythonName(name), version }),
    locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
  }
  if (extra.licenses?.length) pkg.licenses = extra.licenses
  if (extra.metadata && Object.keys(extra.metadata).length) pkg.metadata = extra.metadata
  const cpes = cpeCandidates(pkg)
  if (cpes.length) pkg.cpes = cpes
  return pkg
}
