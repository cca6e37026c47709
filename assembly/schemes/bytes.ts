// Byte helpers shared by the scheme parsers. Versions arrive as UTF-8 bytes at
// (ptr, len); parsers read them in place and allocate nothing.

// @ts-ignore: decorator
@inline export function byteAt(p: usize, i: i32): i32 {
  return <i32>load<u8>(p + <usize>i)
}

// @ts-ignore: decorator
@inline export function isDigit(c: i32): bool {
  return c >= 48 && c <= 57
}

// @ts-ignore: decorator
@inline export function isAlpha(c: i32): bool {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

// @ts-ignore: decorator
@inline export function isAlnum(c: i32): bool {
  return isDigit(c) || isAlpha(c)
}

// @ts-ignore: decorator
@inline export function toLower(c: i32): i32 {
  return c >= 65 && c <= 90 ? c + 32 : c
}

// @ts-ignore: decorator
@inline export function sign(n: i32): i32 {
  return n < 0 ? -1 : n > 0 ? 1 : 0
}
