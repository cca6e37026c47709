import { INVALID_A } from './ids'

// PLACEHOLDER: not implemented yet; replaced by the real cran scheme.
export function compareCran(a: usize, al: i32, b: usize, bl: i32): i32 {
  return INVALID_A
}

export function validCran(p: usize, len: i32): bool {
  return false
}
