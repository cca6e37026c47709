/** Every distinct purl-looking string in a folder of SBOMs (see purl-corpus.mjs). */
export function sbomPurls(dir: string): string[]
