import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real composer scheme.
export const composer: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
