import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real rpm scheme.
export const rpm: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
