import { INVALID_A } from './ids'

// PLACEHOLDER: not implemented yet; replaced by the real pep440 scheme.
export function comparePep440(a: usize, al: i32, b: usize, bl: i32): i32 {
  return INVALID_A
}

export function validPep440(p: usize, len: i32): bool {
  return false
}
