import { StowawayError } from '@stowaway/core'
import type { Advisory } from './advisory.ts'
import type { FileSystem } from './file-system.ts'
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

/** Outcome of {@link ingestTree}. */
export interface IngestResult {
  advisories: Advisory[]
  sources: SourceReport[]
}

async function* walk(fs: FileSystem, dir: string): AsyncGenerator<string> {
  const entries = await fs.list(dir)
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of entries) {
    if (e.name.startsWith('.')) continue
    const p = `${dir.replace(/\/$/, '')}/${e.name}`
    if (e.dir) yield* walk(fs, p)
    else yield p
  }
}

function base(p: string): string {
  const t = p.replace(/\/+$/, '')
  return t.slice(t.lastIndexOf('/') + 1)
}

/**
 * Ingest advisory files, directories and `all.zip` dumps. A directory's direct
 * subdirectories are reported as separate sources (the shared data layout
 * `<owner>__<repo>/…`); a file is its own source.
 *
 * @param fs file access
 * @param paths files or directories
 * @param onFile optional progress callback
 * @param signal abort between files
 * @returns all advisories and a report per source
 * @example
 * ```ts
 * import { ingestTree } from '@stowaway/match'
 * import type { FileSystem } from '@stowaway/match'
 * declare const fs: FileSystem
 * const { sources } = await ingestTree(fs, ['../shared/data/osv'])
 * ```
 */
export async function ingestTree(fs: FileSystem, paths: string[], onFile?: (path: string) => void, signal?: AbortSignal): Promise<IngestResult> {
  const advisories: Advisory[] = []
  const reports = new Map<string, SourceReport>()
  const report = (source: string) => {
    let r = reports.get(source)
    if (!r) reports.set(source, (r = { source, files: 0, formats: {}, advisories: 0, skipped: {} }))
    return r
  }
  for (const root of paths) {
    const isDir = await fs.isDirectory(root)
    const files = isDir ? walk(fs, root) : (async function* () { yield root })()
    const prefix = root.replace(/\/+$/, '') + '/'
    for await (const file of files) {
      if (signal?.aborted) throw new StowawayError('ABORTED', 'Cannot ingest advisories: aborted', { cause: signal.reason })
      const rel = isDir ? file.slice(prefix.length) : base(file)
      const source = isDir ? (rel.includes('/') ? rel.split('/', 1)[0]! : base(root)) : base(file)
      const r = report(source)
      r.files++
      onFile?.(file)
      let res
      try {
        res = await ingestDocument(file, await fs.read(file))
      } catch (e) {
        const reason = `unreadable: ${(e as Error).message}`
        r.skipped[reason] = (r.skipped[reason] ?? 0) + 1
        continue
      }
      r.formats[res.format] = (r.formats[res.format] ?? 0) + 1
      r.advisories += res.advisories.length
      for (const a of res.advisories) advisories.push(a)
      for (const reason of res.skipped) r.skipped[reason] = (r.skipped[reason] ?? 0) + 1
    }
  }
  return { advisories, sources: [...reports.values()] }
}
