import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real go scheme.
export const go: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
