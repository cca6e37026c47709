import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real hackage scheme.
export const hackage: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
