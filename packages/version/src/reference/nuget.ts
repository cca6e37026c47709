import type { SchemeImpl } from './scheme-impl.ts'

// PLACEHOLDER: not implemented yet; replaced by the real nuget scheme.
export const nuget: SchemeImpl = {
  compare() {
    return 2
  },
  valid() {
    return false
  },
}
