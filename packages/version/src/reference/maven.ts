import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real maven scheme.
export const maven: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
