import { isStowawayError, type Package } from '@stowaway/core'
import type { Cataloger, CatalogContext } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { javaNameFromFileName, parseJavaManifest, parsePomProperties } from './java-metadata.ts'
import { listZipMembers, readZipMember, type ZipMember } from '@stowaway/core'
import { cpeCandidates } from '../cpe-candidates.ts'

/**
 * Limits of the Java archive cataloger. Nested archives are read in memory, so every
 * level and every byte is bounded.
 *
 * @example
 * ```ts
 * import { JAVA_LIMITS } from '@stowaway/sbom'
 * JAVA_LIMITS.maxDepth // 16
 * ```
 */
export const JAVA_LIMITS = {
  /** Archive nesting: the file in the image is depth 0. */
  maxDepth: 16,
  /** Largest nested archive inflated into memory. */
  maxNestedBytes: 128 * 1024 * 1024,
  /** Largest metadata file (manifest, pom.properties) read. */
  maxMetadataBytes: 1024 * 1024,
  /** Total bytes inflated for one archive in the image, all levels together. */
  maxTotalBytes: 512 * 1024 * 1024,
}

const ARCHIVE = /\.(jar|war|ear|jpi|hpi|par|sar|nar|kar|rar)$/i
const PATTERNS = ['**/*.jar', '**/*.war', '**/*.ear', '**/*.jpi', '**/*.hpi']

function mavenPackage(groupId: string | undefined, artifactId: string, version: string, location: { path: string; layer?: string }, virtualPath: string, source: string): Package {
  const p: Package = {
    name: groupId ? `${groupId}:${artifactId}` : artifactId,
    version,
    type: 'maven',
    ecosystem: 'Maven',
    purl: formatPurl({ type: 'maven', namespace: groupId, name: artifactId, version }),
    locations: [{ path: location.path, ...(location.layer ? { layer: location.layer } : {}) }],
    metadata: { virtualPath, evidence: source },
  }
  const cpes = cpeCandidates(p)
  if (cpes.length) p.cpes = cpes
  return p
}

interface Walk {
  ctx: CatalogContext
  location: { path: string; layer?: string }
  budget: { left: number }
  out: Package[]
  seen: Set<string>
}

async function walkArchive(bytes: Uint8Array, virtualPath: string, depth: number, w: Walk): Promise<void> {
  const warn = (code: string, message: string) => w.ctx.warn({ code, message, path: w.location.path, ...(w.location.layer ? { layer: w.location.layer } : {}) })
  let members: ZipMember[]
  try {
    members = listZipMembers(bytes)
  } catch (e) {
    warn(isStowawayError(e) ? e.code : 'ARCHIVE_INVALID', `${e instanceof Error ? e.message : String(e)} (in "${virtualPath}")`)
    return
  }
  const read = async (m: ZipMember, max: number): Promise<Uint8Array | undefined> => {
    if (m.size > w.budget.left) {
      warn('LIMIT_EXCEEDED', `Cannot read "${virtualPath}:${m.name}": the archive's inflate budget of ${JAVA_LIMITS.maxTotalBytes} bytes is spent`)
      return undefined
    }
    try {
      const b = await readZipMember(bytes, m, Math.min(max, w.budget.left))
      w.budget.left -= b.length
      return b
    } catch (e) {
      warn(isStowawayError(e) ? e.code : 'ARCHIVE_INVALID', `${e instanceof Error ? e.message : String(e)} (in "${virtualPath}")`)
      return undefined
    }
  }
  const add = (groupId: string | undefined, artifactId: string, version: string, evidence: string) => {
    const key = `${groupId ?? ''}:${artifactId}@${version}`
    if (w.seen.has(key)) return
    w.seen.add(key)
    w.out.push(mavenPackage(groupId, artifactId, version, w.location, virtualPath, evidence))
  }
  const dec = new TextDecoder()

  let fromPom = 0
  for (const m of members) {
    if (!m.name.endsWith('pom.properties')) continue
    const b = await read(m, JAVA_LIMITS.maxMetadataBytes)
    const p = b && parsePomProperties(dec.decode(b))
    if (!p) continue
    fromPom++
    add(p.groupId, p.artifactId, p.version, `pom.properties:${m.name}`)
  }
  // Without Maven metadata the manifest, then the file name, identify the archive itself.
  if (!fromPom) {
    const mfm = members.find((m) => m.name.toUpperCase() === 'META-INF/MANIFEST.MF')
    const mfBytes = mfm && (await read(mfm, JAVA_LIMITS.maxMetadataBytes))
    const mf = mfBytes ? parseJavaManifest(dec.decode(mfBytes), true) : {}
    const artifact = mf['Implementation-Title'] ?? mf['Specification-Title'] ?? mf['Bundle-Name']
    // Some manifests append build facts to the version (`1.4 1855 April 22 2006`): keep the first word.
    const version = (mf['Implementation-Version'] ?? mf['Specification-Version'] ?? mf['Bundle-Version'])?.split(/\s+/)[0]
    const symbolic = mf['Bundle-SymbolicName']?.split(';')[0]?.trim()
    const group = mf['Implementation-Vendor-Id'] ?? (symbolic && symbolic.includes('.') ? symbolic.slice(0, symbolic.lastIndexOf('.')) : undefined)
    const fileName = virtualPath.slice(virtualPath.lastIndexOf('/') + 1)
    const fromName = javaNameFromFileName(fileName)
    if (artifact && version) add(group, artifact, version, 'MANIFEST.MF')
    else if (fromName) add(group, fromName.artifactId, version ?? fromName.version, 'file name')
  }
  for (const m of members) {
    if (!ARCHIVE.test(m.name)) continue
    if (depth + 1 > JAVA_LIMITS.maxDepth) {
      warn('LIMIT_EXCEEDED', `Cannot read "${virtualPath}:${m.name}": nested deeper than ${JAVA_LIMITS.maxDepth} archives`)
      continue
    }
    const b = await read(m, JAVA_LIMITS.maxNestedBytes)
    if (b) await walkArchive(b, `${virtualPath}:${m.name}`, depth + 1, w)
  }
}

/**
 * Catalog one Java archive held in memory, recursing into nested archives. Identity
 * comes from every `pom.properties` inside (any directory, as shaded jars keep them
 * where they were); an archive without one is named by its `MANIFEST.MF`
 * (`Implementation-Title`/`-Version`, `Bundle-*`, group from `Implementation-Vendor-Id`
 * or `Bundle-SymbolicName`), else by its file name. Zip bombs, nesting past
 * {@link JAVA_LIMITS}`.maxDepth` and corrupt archives become warnings.
 *
 * @param bytes the archive
 * @param file where it is in the image
 * @param ctx warning sink
 * @returns the packages, name `groupId:artifactId`, ecosystem `Maven`
 * @example
 * ```ts
 * import { catalogJavaArchive } from '@stowaway/sbom'
 * declare const jar: Uint8Array
 * await catalogJavaArchive(jar, { path: 'app/lib/x.jar' }, { warn: console.warn })
 * ```
 */
export async function catalogJavaArchive(bytes: Uint8Array, file: { path: string; layer?: string }, ctx: Pick<CatalogContext, 'warn'>): Promise<Package[]> {
  const w: Walk = { ctx: ctx as CatalogContext, location: file, budget: { left: JAVA_LIMITS.maxTotalBytes }, out: [], seen: new Set() }
  await walkArchive(bytes, file.path, 0, w)
  return w.out
}

/**
 * Java archives in the image: `*.jar`, `*.war`, `*.ear`, Jenkins `*.jpi`/`*.hpi`.
 *
 * @example
 * ```ts
 * import { javaArchiveCataloger } from '@stowaway/sbom'
 * javaArchiveCataloger.patterns.includes('**\/*.jar') // true
 * ```
 */
export const javaArchiveCataloger: Cataloger = {
  name: 'java-archive',
  patterns: PATTERNS,
  maxFileBytes: 512 * 1024 * 1024,
  async catalog(ctx) {
    const out: Package[] = []
    const paths = new Set(PATTERNS.flatMap((p) => ctx.tree.glob(p)))
    for (const path of [...paths].sort()) {
      const f = ctx.tree.get(path)
      if (f) out.push(...(await catalogJavaArchive(f.bytes, { path, layer: f.layer }, ctx)))
    }
    return out
  },
}
