import { INVALID_A } from './ids'

// PLACEHOLDER: not implemented yet; replaced by the real apk scheme.
export function compareApk(a: usize, al: i32, b: usize, bl: i32): i32 {
  return INVALID_A
}

export function validApk(p: usize, len: i32): bool {
  return false
}
