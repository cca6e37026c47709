import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real semver scheme.
export const semver: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
