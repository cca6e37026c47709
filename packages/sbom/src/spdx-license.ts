// The SPDX license ids Stowaway recognises without a license list at run time: the ones
// OS and language package managers declare most. Others become LicenseRef-… in SPDX.
const KNOWN = new Set(
  `0BSD AFL-2.1 AGPL-3.0-only AGPL-3.0-or-later Apache-1.1 Apache-2.0 Artistic-1.0 Artistic-1.0-Perl Artistic-2.0 BSD-1-Clause
  BSD-2-Clause BSD-3-Clause BSD-4-Clause BSL-1.0 bzip2-1.0.6 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-4.0 CC0-1.0 CDDL-1.0 curl EPL-1.0 EPL-2.0
  GFDL-1.2-or-later GFDL-1.3-or-later GPL-1.0-or-later GPL-2.0-only GPL-2.0-or-later GPL-3.0-only GPL-3.0-or-later ISC LGPL-2.0-only
  LGPL-2.0-or-later LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0-only LGPL-3.0-or-later MIT MIT-0 MPL-1.1 MPL-2.0 OpenSSL OFL-1.1 PHP-3.01
  PostgreSQL PSF-2.0 Python-2.0 Ruby Unicode-DFS-2016 Unlicense WTFPL X11 Zlib ZPL-2.1 GPL-2.0 GPL-3.0 LGPL-2.1 LGPL-3.0 GPL-2.0+
  LGPL-2.1+ GPL-3.0+ Classpath-exception-2.0 LLVM-exception GCC-exception-3.1 Autoconf-exception-3.0 Bison-exception-2.2`.split(/\s+/),
)
const KNOWN_LOWER = new Map([...KNOWN].map((k) => [k.toLowerCase(), k]))

/**
 * The SPDX license and exception ids {@link spdxExpression} recognises.
 *
 * @example
 * ```ts
 * import { SPDX_IDS } from '@stowaway/sbom'
 * SPDX_IDS.includes('MIT') // true
 * ```
 */
export const SPDX_IDS: readonly string[] = [...KNOWN]

/**
 * Turn a declared license into an SPDX expression when every id in it is a known SPDX
 * id (case fixed), else undefined.
 *
 * @param license as declared (`MIT`, `GPL-2.0-or-later AND MIT`, `GPL-2+` …)
 * @param exact only accept ids spelled exactly as SPDX spells them (writers use this so
 *   that a declared name survives a round trip unchanged)
 * @returns the SPDX expression, or undefined
 * @example
 * ```ts
 * import { spdxExpression } from '@stowaway/sbom'
 * spdxExpression('mit OR apache-2.0') // 'MIT OR Apache-2.0'
 * spdxExpression('GPL-2+') // undefined
 * ```
 */
export function spdxExpression(license: string, exact = false): string | undefined {
  const tokens = license.trim().split(/(\s+|\(|\))/).filter((t) => t.trim())
  if (!tokens.length) return undefined
  const out: string[] = []
  for (const t of tokens) {
    const up = t.toUpperCase()
    if (t === '(' || t === ')') out.push(t)
    else if (up === 'AND' || up === 'OR' || up === 'WITH') out.push(up)
    else {
      const id = KNOWN_LOWER.get(t.toLowerCase())
      if (!id || (exact && id !== t)) return undefined
      out.push(id)
    }
  }
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')')
}

/**
 * A LicenseRef id for a license that is not an SPDX expression.
 *
 * @param license as declared
 * @returns `LicenseRef-<sanitised>`
 * @example
 * ```ts
 * import { licenseRef } from '@stowaway/sbom'
 * licenseRef('GPL-2+') // 'LicenseRef-GPL-2-plus'
 * ```
 */
export function licenseRef(license: string): string {
  return 'LicenseRef-' + license.trim().replace(/\+/g, '-plus').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')
}
