import type { SchemeId } from '../scheme.ts'
import type { CompareCode } from '../result.ts'
import type { VersionBackend } from '../backend.ts'
import type { SchemeImpl } from './scheme-impl.ts'
import { dpkg } from './dpkg.ts'
import { rpm } from './rpm.ts'
import { apk } from './apk.ts'
import { semver } from './semver.ts'
import { go } from './go.ts'
import { pep440 } from './pep440.ts'
import { maven } from './maven.ts'
import { rubygems } from './rubygems.ts'
import { nuget } from './nuget.ts'
import { composer } from './composer.ts'
import { cran } from './cran.ts'
import { hackage } from './hackage.ts'
import { pub } from './pub.ts'

// Indexed by SchemeId.
const IMPLS: readonly SchemeImpl[] = [dpkg, rpm, apk, semver, go, pep440, maven, rubygems, nuget, composer, cran, hackage, pub]

/**
 * The plain TypeScript reference implementation of every scheme: the oracle the WASM
 * core is tested against, and the fallback where WebAssembly is unavailable.
 *
 * @example
 * ```ts
 * import { referenceBackend, Scheme } from '@stowaway/version'
 * referenceBackend.compare(Scheme.Dpkg, '1.0~rc1', '1.0') // -1
 * ```
 */
export const referenceBackend: VersionBackend = {
  kind: 'ts',
  compare(scheme: SchemeId, a: string, b: string): CompareCode {
    return IMPLS[scheme]!.compare(a, b)
  },
  compareMany(scheme: SchemeId, a: readonly string[], b: readonly string[]): Int8Array {
    const impl = IMPLS[scheme]!
    const n = Math.min(a.length, b.length)
    const out = new Int8Array(n)
    for (let i = 0; i < n; i++) out[i] = impl.compare(a[i]!, b[i]!)
    return out
  },
  valid(scheme: SchemeId, v: string): boolean {
    return IMPLS[scheme]!.valid(v)
  },
  validMany(scheme: SchemeId, vs: readonly string[]): Uint8Array {
    const impl = IMPLS[scheme]!
    const out = new Uint8Array(vs.length)
    for (let i = 0; i < vs.length; i++) out[i] = impl.valid(vs[i]!) ? 1 : 0
    return out
  },
}
