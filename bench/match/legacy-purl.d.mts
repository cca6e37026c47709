/** The regex purl reader purlToTarget replaced, bound to a `distroEcosystem` (see legacy-purl.mjs). */
export function legacyPurlToTarget(distroEcosystem: (id: string, version: string | undefined) => string | undefined): (purl: string) => object | undefined
