// The Web Worker behind the page: everything that touches the SBOM (reading the file,
// parsing, DB shards, matching, report formatting, sorting and filtering the findings)
// runs here, so the page's main thread only renders small pieces. Nothing is sent
// anywhere; the only requests are DB files under dbUrl.
import { isStowawayError } from '@stowaway/core'
import { initVersionCore } from '@stowaway/version'
import { checkSbom, formatReport } from './check-sbom.ts'
import { viewFindings } from './findings-view.ts'
import type { CheckResult, CheckSummary, PageMessage, ShardUse, WorkerMessage } from './messages.ts'
import { REPORT_FILES, SUMMARY_LIST_LIMIT } from './messages.ts'
import { cachedDbReader } from './shard-reader.ts'

interface WorkerScope {
  postMessage(m: WorkerMessage, transfer?: Transferable[]): void
  addEventListener(type: 'message', fn: (e: MessageEvent<PageMessage>) => void): void
}
const scope = globalThis as unknown as WorkerScope

// The release core sits beside the bundle (build.mjs copies it).
const core = initVersionCore(new URL('./stowaway-version.wasm', import.meta.url))
let last: CheckResult | undefined

function summarise(r: CheckResult): CheckSummary {
  const { findings, report: _report, unmatched, warnings, ...rest } = r
  const unmatchedByReason: CheckSummary['unmatchedByReason'] = {}
  for (const u of unmatched) unmatchedByReason[u.reason] = (unmatchedByReason[u.reason] ?? 0) + 1
  return {
    ...rest,
    findingsTotal: findings.length,
    unmatched: unmatched.slice(0, SUMMARY_LIST_LIMIT),
    unmatchedByReason,
    warnings: warnings.slice(0, SUMMARY_LIST_LIMIT),
    warningsTotal: warnings.length,
  }
}

async function handle(m: PageMessage): Promise<void> {
  if (m.type === 'check') {
    last = undefined
    await core
    const shards: ShardUse[] = []
    const read = cachedDbReader(m.dbUrl, { onShard: (s) => shards.push(s) })
    const text = await m.file.text()
    last = await checkSbom(text, { name: m.name, read, shards, onProgress: (p) => scope.postMessage(p) })
    scope.postMessage({ type: 'summary', summary: summarise(last) })
  } else if (m.type === 'view' && last) {
    const rows = viewFindings(last.findings, { ...m.view, severities: new Set(m.view.severities) })
    scope.postMessage({ type: 'rows', seq: m.seq, rows: rows.slice(0, m.limit), total: rows.length })
  } else if (m.type === 'report' && last) {
    const blob = new Blob([formatReport(last.report, m.kind)], { type: REPORT_FILES[m.kind].type })
    scope.postMessage({ type: 'report', kind: m.kind, blob })
  }
}

scope.addEventListener('message', (e) => {
  handle(e.data).catch((err: unknown) => {
    scope.postMessage({ type: 'error', code: isStowawayError(err) ? err.code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) })
  })
})
