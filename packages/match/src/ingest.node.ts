import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import type { Advisory } from './advisory.ts'
import { ingestDocument } from './ingest-document.ts'

/**
 * Per-source ingest accounting: every file read either yields records or counts
 * under a reason.
 *
 * @example
 * ```ts
 * import type { SourceReport } from '@stowaway/match'
 * const r: SourceReport = { source: 'golang__vulndb', files: 1, formats: { osv: 1 }, advisories: 1, skipped: {} }
 * ```
 */
export interface SourceReport {
  source: string
  files: number
  /** Files per detected format. */
  formats: Record<string, number>
  advisories: number
  /** Skipped records / entries / files by reason. */
  skipped: Record<string, number>
}

/** Outcome of {@link ingestPaths}. */
export interface IngestResult {
  advisories: Advisory[]
  sources: SourceReport[]
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of entries) {
    if (e.name.startsWith('.')) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (e.isFile()) yield p
  }
}

/**
 * Ingest advisory files, directories and `all.zip` dumps from disk. A directory's
 * direct subdirectories are reported as separate sources (the shared data layout
 * `<owner>__<repo>/…`); a file is its own source.
 *
 * @param paths files or directories
 * @param onFile optional progress callback
 * @returns all advisories and a report per source
 * @example
 * ```ts
 * import { ingestPaths } from '@stowaway/match/node'
 * const { sources } = await ingestPaths(['../shared/data/osv'])
 * ```
 */
export async function ingestPaths(paths: string[], onFile?: (path: string) => void): Promise<IngestResult> {
  const advisories: Advisory[] = []
  const reports = new Map<string, SourceReport>()
  const report = (source: string) => {
    let r = reports.get(source)
    if (!r) reports.set(source, (r = { source, files: 0, formats: {}, advisories: 0, skipped: {} }))
    return r
  }
  for (const root of paths) {
    const st = await stat(root)
    const files = st.isDirectory() ? walk(root) : (async function* () { yield root })()
    for await (const file of files) {
      const rel = st.isDirectory() ? relative(root, file) : basename(file)
      const parts = rel.split(sep)
      const source = st.isDirectory() ? (parts.length > 1 ? parts[0]! : basename(root)) : basename(file)
      const r = report(source)
      r.files++
      onFile?.(file)
      let res
      try {
        res = await ingestDocument(file, new Uint8Array(await readFile(file)))
      } catch (e) {
        const reason = `unreadable: ${(e as Error).message}`
        r.skipped[reason] = (r.skipped[reason] ?? 0) + 1
        continue
      }
      r.formats[res.format] = (r.formats[res.format] ?? 0) + 1
      r.advisories += res.advisories.length
      advisories.push(...res.advisories)
      for (const reason of res.skipped) r.skipped[reason] = (r.skipped[reason] ?? 0) + 1
    }
  }
  return { advisories, sources: [...reports.values()] }
}
