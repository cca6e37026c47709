// The SBOM check page: wires the drop zone and file input to the worker and renders
// what it sends back. The main thread only renders; rendering is bounded (at most
// ROW_LIMIT table rows, put in a slice per task) so a 10 000-component SBOM never blocks
// it for long.
import { SEVERITIES } from '@stowaway/core'
import type { Severity } from '@stowaway/core'
import type { SortKey, ViewState } from './findings-view.ts'
import type { CheckSummary, FindingRow, PageMessage, ReportKind, WorkerMessage } from './messages.ts'
import { REPORT_FILES, SUMMARY_LIST_LIMIT } from './messages.ts'
import { UNMATCHED_TEXT } from './unmatched.ts'
import { fillInSlices } from './fill-in-slices.ts'

const ROW_LIMIT = SUMMARY_LIST_LIMIT
/** Upper bound on what is read into memory; larger files are refused, not crashed on. */
const MAX_FILE_BYTES = 256 * 1024 * 1024

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (text !== undefined) e.textContent = text
  if (cls) e.className = cls
  return e
}

function dbUrl(): URL {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="stowaway-db"]')?.content || 'db/'
  return new URL(meta, location.href)
}

let worker: Worker | undefined
let result: CheckSummary | undefined
let viewSeq = 0

function send(m: PageMessage): void {
  worker?.postMessage(m)
}
const view: ViewState = { sort: 'severity', descending: false, text: '', severities: new Set() }

function setStatus(text: string, done?: number, total?: number): void {
  $('status-text').textContent = text
  const p = $<HTMLProgressElement>('progress')
  if (done === undefined || total === undefined) {
    p.hidden = true
    return
  }
  p.hidden = false
  p.max = Math.max(total, 1)
  p.value = Math.min(done, p.max)
}

function showError(message: string): void {
  const e = $('error')
  e.hidden = false
  e.textContent = message
  setStatus('Check failed.')
  document.body.dataset.state = 'error'
}

function check(file: File): void {
  $('error').hidden = true
  $('results').hidden = true
  result = undefined
  document.body.dataset.state = 'working'
  if (file.size > MAX_FILE_BYTES) return showError(`Cannot read "${file.name}": ${file.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`)
  setStatus(`Reading ${file.name} (${file.size} bytes)`, 0, 1)
  worker?.terminate()
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
  worker.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
    const m = e.data
    if (m.type === 'progress') setStatus(m.text, m.done, m.total)
    else if (m.type === 'error') showError(`${m.message} [${m.code}]`)
    else if (m.type === 'summary') render(m.summary)
    else if (m.type === 'rows') {
      if (m.seq === viewSeq) renderRows(m.rows, m.total)
    } else saveReport(m.kind, m.blob)
  })
  worker.addEventListener('error', (e) => showError(`Cannot check the SBOM: the worker failed (${e.message || 'unknown error'})`))
  // The File itself crosses (cheaply); the worker reads it, so a large SBOM is never
  // decoded on this thread.
  send({ type: 'check', file, name: file.name, dbUrl: dbUrl().href })
}

function render(r: CheckSummary): void {
  result = r
  const total = r.findingsTotal
  const t = r.timings
  setStatus(
    `Done: ${r.components} components, ${total} findings in ${Math.round(t.parse + t.db + t.match + t.format)} ms ` +
      `(read ${Math.round(t.parse)}, DB ${Math.round(t.db)}, match ${Math.round(t.match)}, rows ${Math.round(t.format)}).`,
  )
  $('summary-line').textContent =
    `${r.source}: ${r.components} components, ${total} findings, ${r.unmatched.length} components not checked.`
  renderChart(r)
  renderSeverityFilter(r)
  requestRows()
  renderUnmatched(r)
  $('warn-summary').textContent = `Warnings (${r.warningsTotal}${r.warningsTotal > r.warnings.length ? `, first ${r.warnings.length} listed` : ''})`
  fillInSlices($('warnings'), r.warnings, (w) => el('li', `${w.message} [${w.code}]`))
  const shards = $('shards')
  shards.replaceChildren(...r.shards.map((s) => el('li', `${s.file}: ${s.bytes} bytes${s.cached ? ' (from cache)' : ''}`)))
  $('results').hidden = false
}

function renderChart(r: CheckSummary): void {
  const max = Math.max(1, ...SEVERITIES.map((s) => r.counts[s]))
  const parts: HTMLElement[] = []
  for (const s of SEVERITIES) {
    const bar = el('div', undefined, `bar sev-${s}`)
    // CSSOM writes are allowed under style-src 'self' (style attributes are not).
    bar.style.width = `${(100 * r.counts[s]) / max}%`
    const count = el('span', String(r.counts[s]))
    count.dataset.severity = s
    parts.push(el('span', s), wrap(bar), count)
  }
  $('chart').replaceChildren(...parts)
  $('chart').setAttribute('aria-label', `Findings by severity: ${SEVERITIES.map((s) => `${s} ${r.counts[s]}`).join(', ')}`)
}

function wrap(child: HTMLElement): HTMLElement {
  const d = el('div')
  d.append(child)
  return d
}

function renderSeverityFilter(r: CheckSummary): void {
  const fs = $('sev-filter')
  const legend = fs.querySelector('legend')!
  const boxes = SEVERITIES.filter((s) => r.counts[s] > 0).map((s) => {
    const label = el('label')
    const box = el('input')
    box.type = 'checkbox'
    box.value = s
    box.checked = view.severities.size === 0 || view.severities.has(s)
    box.addEventListener('change', () => {
      const checked = [...fs.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value as Severity)
      const all = fs.querySelectorAll('input').length
      view.severities = new Set(checked.length === all ? [] : checked)
      if (checked.length === 0) view.severities = new Set(['__none__' as Severity])
      requestRows()
    })
    label.append(box, ` ${s} (${r.counts[s]})`)
    return label
  })
  fs.replaceChildren(legend, ...boxes)
}

function requestRows(): void {
  if (!result) return
  viewSeq++
  send({ type: 'view', seq: viewSeq, limit: ROW_LIMIT, view: { sort: view.sort, descending: view.descending, text: view.text, severities: [...view.severities] } })
}

function renderRows(rows: FindingRow[], total: number): void {
  if (!result) return
  const body = $('findings').querySelector('tbody')!
  const row = (r: FindingRow): HTMLElement => {
    const tr = el('tr')
    const link = el('a', r.id)
    link.href = r.url
    link.rel = 'noopener noreferrer'
    link.target = '_blank'
    const idCell = el('td')
    idCell.append(link)
    if (r.aliases.length) idCell.append(el('div', r.aliases.join(', '), 'note'))
    const sev = el('td')
    sev.append(el('span', r.severity, `badge sev-${r.severity}`))
    tr.append(idCell, el('td', `${r.package} (${r.ecosystem})`), el('td', r.installed), el('td', r.fixed.join(', ') || '—'), sev, el('td', r.status))
    if (r.summary) tr.title = r.summary
    return tr
  }
  $('table-note').textContent =
    total > rows.length ? `Showing the first ${rows.length} of ${total} matching findings; narrow the filter or download the report for all.` : `${total} of ${result.findingsTotal} findings shown.`
  markSort()
  fillInSlices(body, rows, row, { done: () => (document.body.dataset.state = 'done') })
}

function markSort(): void {
  for (const th of $('findings').querySelectorAll('th')) {
    const key = th.querySelector('button')!.dataset.sort
    th.setAttribute('aria-sort', key === view.sort ? (view.descending ? 'descending' : 'ascending') : 'none')
  }
}

function renderUnmatched(r: CheckSummary): void {
  const total = Object.values(r.unmatchedByReason).reduce((a, b) => a + (b ?? 0), 0)
  $('unmatched-line').textContent = total
    ? Object.entries(r.unmatchedByReason).map(([k, n]) => `${n}: ${UNMATCHED_TEXT[k as keyof typeof UNMATCHED_TEXT]}`).join('; ') + (total > r.unmatched.length ? ` (the first ${r.unmatched.length} listed)` : '')
    : 'Every component was checked.'
  fillInSlices($('unmatched').querySelector('tbody')!, r.unmatched, (u) => {
    const tr = el('tr')
    tr.append(el('td', u.name), el('td', u.version), el('td', u.purl ?? '—'), el('td', UNMATCHED_TEXT[u.reason] + (u.ecosystem ? ` (${u.ecosystem})` : '')))
    return tr
  })
}

// The worker builds the Blob: building it here from the bytes of a 60 000-finding
// report copied tens of megabytes on the main thread (a 160 ms task on a busy machine).
function saveReport(kind: ReportKind, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = el('a')
  a.href = url
  a.download = REPORT_FILES[kind].name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function init(): void {
  const db = dbUrl()
  $('db-origin').textContent = db.origin === location.origin ? `this site (${db.pathname})` : db.href
  const input = $<HTMLInputElement>('file')
  const drop = $('drop')
  input.addEventListener('change', () => {
    const f = input.files?.[0]
    if (f) check(f)
  })
  // Space opens a focused file input natively; make Enter do the same.
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      input.click()
    }
  })
  drop.addEventListener('dragover', (e) => {
    e.preventDefault()
    drop.classList.add('over')
  })
  drop.addEventListener('dragleave', () => drop.classList.remove('over'))
  drop.addEventListener('drop', (e) => {
    e.preventDefault()
    drop.classList.remove('over')
    const f = e.dataTransfer?.files[0]
    if (f) check(f)
  })
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-report]')) {
    b.addEventListener('click', () => {
      if (result) send({ type: 'report', kind: b.dataset.report as ReportKind })
    })
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-sort]')) {
    b.addEventListener('click', () => {
      const key = b.dataset.sort as SortKey
      view.descending = view.sort === key ? !view.descending : false
      view.sort = key
      markSort()
      requestRows()
    })
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  $<HTMLInputElement>('filter').addEventListener('input', (e) => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      view.text = (e.target as HTMLInputElement).value
      requestRows()
    }, 120)
  })
  document.body.dataset.state = 'ready'
}

init()
