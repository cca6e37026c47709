import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real pub scheme.
export const pub: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
