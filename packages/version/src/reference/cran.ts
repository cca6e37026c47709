import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real cran scheme.
export const cran: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
