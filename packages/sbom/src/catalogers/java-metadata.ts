/**
 * Parse a JAR manifest (`META-INF/MANIFEST.MF`): `Name: value` lines, continuation
 * lines starting with one space, sections separated by blank lines. By default only the
 * main (first) section is read; with `allSections`, attributes of the per-entry
 * sections fill in what the main section lacks — older jars (Apache Axis 1.4, for one)
 * state `Implementation-*` only for their package's entry.
 *
 * @param text the manifest text
 * @param allSections also read per-entry sections (main section wins)
 * @returns attributes by name (first occurrence wins)
 * @example
 * ```ts
 * import { parseJavaManifest } from '@stowaway/sbom'
 * parseJavaManifest('Manifest-Version: 1.0\r\nImplementation-Title: x\r\n')['Implementation-Title'] // 'x'
 * ```
 */
export function parseJavaManifest(text: string, allSections = false): Record<string, string> {
  const out: Record<string, string> = {}
  let key: string | undefined
  let sectionHasLines = false
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (sectionHasLines && !allSections) break
      sectionHasLines = false
      key = undefined
      continue
    }
    sectionHasLines = true
    if (line.startsWith(' ') && key) {
      out[key] += line.slice(1)
      continue
    }
    const c = line.indexOf(':')
    if (c <= 0) {
      key = undefined
      continue
    }
    const k = line.slice(0, c).trim()
    if (k in out) {
      key = undefined
      continue
    }
    key = k
    out[k] = line.slice(c + 1).trim()
  }
  return out
}

/**
 * Parse a Maven `pom.properties` (Java properties: `key=value` or `key: value`, `#`
 * and `!` comments).
 *
 * @param text the file text
 * @returns groupId, artifactId and version when all three are present
 * @example
 * ```ts
 * import { parsePomProperties } from '@stowaway/sbom'
 * parsePomProperties('groupId=log4j\nartifactId=log4j\nversion=1.2.17\n') // { groupId: 'log4j', artifactId: 'log4j', version: '1.2.17' }
 * ```
 */
export function parsePomProperties(text: string): { groupId: string; artifactId: string; version: string } | undefined {
  const props: Record<string, string> = {}
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith('!')) continue
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line)
    if (m) props[m[1]!] = m[2]!.trim()
  }
  const { groupId, artifactId, version } = props
  return groupId && artifactId && version ? { groupId, artifactId, version } : undefined
}

/**
 * Guess artifact and version from a Java archive file name (`commons-io-2.11.0.jar`,
 * `spring-core-5.3.3.RELEASE.jar`, `guava-31.1-jre.jar`): the version starts at the
 * first `-` followed by a digit.
 *
 * @param fileName base name, with extension
 * @returns artifact and version, or undefined when no version is visible
 * @example
 * ```ts
 * import { javaNameFromFileName } from '@stowaway/sbom'
 * javaNameFromFileName('heuristic-1.0.0-SNAPSHOT.jar') // { artifactId: 'heuristic', version: '1.0.0-SNAPSHOT' }
 * ```
 */
export function javaNameFromFileName(fileName: string): { artifactId: string; version: string } | undefined {
  const base = fileName.replace(/\.(jar|war|ear|jpi|hpi|par|sar|nar|kar|rar|zip)$/i, '')
  const m = /^(.+?)-(\d[^-]*(?:-.+)?)$/.exec(base)
  return m ? { artifactId: m[1]!, version: m[2]! } : undefined
}
