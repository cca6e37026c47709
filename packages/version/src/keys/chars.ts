// ASCII character classes shared by the key encoders (they see ASCII input only, or
// bail out before reading a non-ASCII char as one of these).

/**
 * Whether a char code is an ASCII digit.
 *
 * @param c a UTF-16 code unit
 * @returns true for `0`–`9`
 * @example
 * ```ts
 * isDigit('7'.charCodeAt(0)) // true
 * ```
 */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57

/**
 * Whether a char code is an ASCII letter.
 *
 * @param c a UTF-16 code unit
 * @returns true for `A`–`Z` and `a`–`z`
 * @example
 * ```ts
 * isAlpha('q'.charCodeAt(0)) // true
 * ```
 */
export const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/**
 * An ASCII upper-case letter lowered; any other code unchanged.
 *
 * @param c a UTF-16 code unit
 * @returns the lowered code
 * @example
 * ```ts
 * lower(65) // 97
 * ```
 */
export const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)
