import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real apk scheme.
export const apk: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
