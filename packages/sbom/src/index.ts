export type { Cataloger, CatalogContext } from './cataloger.ts'
export type { PackageUrl } from './purl.ts'
export { formatPurl, parsePurl } from './purl.ts'
export { DEFAULT_CATALOGERS } from './default-catalogers.ts'
