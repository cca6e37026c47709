import { INVALID_A } from './ids'

// PLACEHOLDER: not implemented yet; replaced by the real semver scheme.
export function compareSemver(a: usize, al: i32, b: usize, bl: i32): i32 {
  return INVALID_A
}

export function validSemver(p: usize, len: i32): bool {
  return false
}
