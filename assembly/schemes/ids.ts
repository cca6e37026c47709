// Scheme ids; mirror of packages/version/src/scheme.ts. Never renumber.
export const DPKG: i32 = 0
export const RPM: i32 = 1
export const APK: i32 = 2
export const SEMVER: i32 = 3
export const GO: i32 = 4
export const PEP440: i32 = 5
export const MAVEN: i32 = 6
export const RUBYGEMS: i32 = 7
export const NUGET: i32 = 8
export const COMPOSER: i32 = 9
export const CRAN: i32 = 10
export const HACKAGE: i32 = 11
export const PUB: i32 = 12

// Compare results; mirror of packages/version/src/result.ts.
export const LESS: i32 = -1
export const EQUAL: i32 = 0
export const GREATER: i32 = 1
export const INVALID_A: i32 = 2
export const INVALID_B: i32 = 3
