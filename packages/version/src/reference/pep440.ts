import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real pep440 scheme.
export const pep440: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
