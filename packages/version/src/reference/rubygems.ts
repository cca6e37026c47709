import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real rubygems scheme.
export const rubygems: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
