/** A CycloneDX 1.5 JSON SBOM of `count` components from real package names (see generate-sbom.mjs). */
export function generateSbom(count: number, sharedData: string): object
