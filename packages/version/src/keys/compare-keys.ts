/**
 * Order two sort keys: unsigned bytes left to right, a proper prefix first. Two keys
 * of one scheme compare as the versions they were made from.
 *
 * @param a left key
 * @param b right key
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { compareKeys, sortKey, Scheme } from '@stowaway/version'
 * compareKeys(sortKey(Scheme.Dpkg, '1.0~rc1')!, sortKey(Scheme.Dpkg, '1.0')!) // -1
 * ```
 */
export function compareKeys(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const n = a.length < b.length ? a.length : b.length
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}
