import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { main } from '../../packages/stowaway/src/cli.ts'
import { captureIo } from '../../packages/stowaway/src/testing-io.ts'
import { startUiServer } from '../../packages/stowaway/src/commands/serve-ui.ts'
import type { UiServer } from '../../packages/stowaway/src/commands/serve-ui.ts'
import { REPO_ROOT, sharedPath } from '../support/shared.ts'
import { chromiumAvailable, launchChromium } from './chromium.ts'
import { readSbom, writeSpdx } from '@stowaway/sbom'
import { generateSbom } from '../../bench/browser/generate-sbom.mjs'

// The SBOM check page in real Chromium, served from loopback by `stowaway serve-ui`'s
// server with a DB compiled from real advisories. Expected findings come from the CLI
// (`stowaway scan sbom:FILE --format json`) on Node, not from the page's own code.
const data = sharedPath('data')
const JUICE = 'sboms/CycloneDX__bom-examples/SBOM/juice-shop/v11.1.2/bom.json'
const SOURCES = ['github__advisory-database', 'nodejs__security-wg', 'pypa__advisory-database', 'golang__vulndb', 'alpinelinux__alpine-secdb']
const ARTIFACTS = join(REPO_ROOT, '.cache/artifacts')
const UI = join(REPO_ROOT, 'packages/web/dist')

interface JsonReport {
  findings: { id: string; package: { name: string; version: string }; severity: string; status: string; fixedVersions: string[] }[]
}

async function cliReport(db: string, file: string): Promise<JsonReport> {
  const io = captureIo()
  const code = await main(['scan', '--db', db, '--format', 'json', `sbom:${file}`], io)
  expect(io.err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(io.out) as JsonReport
}

// Upload through the real <input type=file>, wait for the worker's result.
async function upload(page: Page, file: string, timeout = 120_000): Promise<void> {
  await page.setInputFiles('#file', file)
  await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', undefined, { timeout })
  const err = await page.locator('#error').textContent()
  expect(await page.evaluate(() => document.body.dataset.state), err ?? '').toBe('done')
}

async function downloadReport(page: Page, kind: 'json' | 'sarif' | 'vex'): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-report="${kind}"]`)])
  const path = await dl.path()
  return readFileSync(path!, 'utf8')
}

const comparable = (r: JsonReport) => r.findings.map((f) => ({ id: f.id, name: f.package.name, version: f.package.version, severity: f.severity, status: f.status, fixed: f.fixedVersions }))

describe.skipIf(!data || !chromiumAvailable())('SBOM check page in Chromium', () => {
  let work: string
  let db: string
  let server: UiServer
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let context: BrowserContext
  const served: string[] = []

  beforeAll(async () => {
    if (!existsSync(join(UI, 'index.html'))) execFileSync(process.execPath, [join(REPO_ROOT, 'packages/web/build.mjs')], { stdio: 'inherit' })
    work = mkdtempSync(join(tmpdir(), 'stowaway-web-'))
    db = join(work, 'db')
    const io = captureIo()
    const code = await main(['db', 'build', ...SOURCES.flatMap((s) => ['--from', join(data!, 'osv', s)]), '--out', db], io)
    expect(code, io.err).toBe(0)
    server = await startUiServer({ uiDir: UI, dbDir: db, port: 0, onRequest: (_m, p) => served.push(p) })
    browser = await launchChromium()
    context = browser.context
    // Long Tasks on the main thread, observed from before any page script runs.
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] }
      w.__longTasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration)
      }).observe({ type: 'longtask', buffered: true })
    })
    mkdirSync(ARTIFACTS, { recursive: true })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('checks a real CycloneDX SBOM exactly like the CLI, fetching only same-origin shards, and caches them', async () => {
    const file = join(data!, JUICE)
    const expected = await cliReport(db, file)
    expect(expected.findings.length).toBeGreaterThan(10)

    const page = await context.newPage()
    const consoleErrors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    browser.requests.length = 0
    served.length = 0
    await page.goto(server.url)
    expect(await page.locator('#privacy').textContent()).toContain('never leaves this browser')
    await upload(page, file)

    const json = JSON.parse(await downloadReport(page, 'json')) as JsonReport
    expect(comparable(json)).toEqual(comparable(expected))
    const sarif = JSON.parse(await downloadReport(page, 'sarif')) as { version: string; runs: { results: unknown[] }[] }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0]!.results.length).toBe(expected.findings.length)
    const vex = JSON.parse(await downloadReport(page, 'vex')) as { bomFormat: string; vulnerabilities: unknown[] }
    expect(vex.bomFormat).toBe('CycloneDX')
    expect(vex.vulnerabilities.length).toBeGreaterThan(0)

    // The table shows every finding; the chart's counts add up to them.
    expect(await page.locator('#findings tbody tr').count()).toBe(expected.findings.length)
    const counts = await page.locator('#chart span[data-severity]').allTextContents()
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(expected.findings.length)
    const high = expected.findings.filter((f) => f.severity === 'HIGH').length
    expect(await page.locator('#chart span[data-severity="HIGH"]').textContent()).toBe(String(high))

    // Only this SBOM's ecosystem shards, and nothing but the page's own origin.
    const origin = new URL(server.url).origin
    const foreign = browser.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'))
    expect(foreign).toEqual([])
    // The listener sees the worker's fetches too, so the check above covers them.
    expect(browser.requests.filter((u) => u.endsWith('/db/npm.swdb')).length).toBe(1)
    expect(served.filter((p) => p.endsWith('.swdb'))).toEqual(['/db/npm.swdb'])
    expect(consoleErrors).toEqual([])

    const shot = join(ARTIFACTS, 'sbom-check-juice-shop.png')
    await page.screenshot({ path: shot, fullPage: true })
    console.log(`[browser test] screenshot: ${shot}`)

    // Sorting and filtering through the keyboard-usable controls.
    await page.fill('#filter', expected.findings[0]!.package.name)
    await page.waitForFunction((n) => document.querySelectorAll('#findings tbody tr').length === n, expected.findings.filter((f) => [f.id, f.package.name, f.package.version, f.severity, f.status, ...f.fixedVersions].some((s) => s.toLowerCase().includes(expected.findings[0]!.package.name.toLowerCase()))).length)
    await page.fill('#filter', '')
    await page.waitForFunction((n) => document.querySelectorAll('#findings tbody tr').length === n, expected.findings.length)
    // Severity checkboxes: hiding HIGH leaves the others.
    await page.locator('#sev-filter input[value="HIGH"]').uncheck()
    await page.waitForFunction((n) => document.querySelectorAll('#findings tbody tr').length === n, expected.findings.length - high)
    await page.locator('#sev-filter input[value="HIGH"]').check()
    await page.waitForFunction((n) => document.querySelectorAll('#findings tbody tr').length === n, expected.findings.length)
    await page.focus('button[data-sort="package"]')
    await page.keyboard.press('Enter')
    expect(await page.locator('th:has(button[data-sort="package"])').getAttribute('aria-sort')).toBe('ascending')
    // Rows arrive from the worker; wait until the first column cell order changes to package order.
    const collate = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
    const byPackage = [...expected.findings].map((f) => f.package.name).sort((a, b) => collate.compare(a, b))
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('#findings tbody tr td:nth-child(2)')].map((td) => td.textContent!.replace(/ \(.*\)$/, '')).join('\n') === want.join('\n'),
      byPackage,
    )
    await page.close()

    // Next visit: the shard comes from the Cache API, only the manifest is revalidated.
    served.length = 0
    const again = await context.newPage()
    // Listen before loading: Playwright turns file-chooser interception on when the
    // first listener is added, asynchronously, and a key pressed before that lands is lost.
    const chooserOpened = again.waitForEvent('filechooser', { timeout: 60_000 })
    await again.goto(server.url)
    await again.waitForFunction(() => document.body.dataset.state === 'ready')
    // Keyboard only this time: Tab reaches the file input behind the drop zone, Enter opens the picker.
    await again.keyboard.press('Tab')
    expect(await again.evaluate(() => document.activeElement?.id)).toBe('file')
    await again.keyboard.press('Enter')
    await (await chooserOpened).setFiles(file)
    await again.waitForFunction(() => document.body.dataset.state === 'done')
    expect(served.filter((p) => p.startsWith('/db/'))).toEqual(['/db/manifest.json'])
    expect(await again.locator('#shards li').first().textContent()).toContain('from cache')
    await again.close()
  }, 240_000)

  it('checks SPDX 2.3 documents like the CLI: a real trivy fixture and juice-shop written as SPDX', async () => {
    const spdx = join(work, 'juice-shop.spdx.json')
    writeFileSync(spdx, writeSpdx(readSbom(readFileSync(join(data!, JUICE), 'utf8')), { timestamp: '2026-01-01T00:00:00Z' }))
    for (const file of [join(data!, 'sboms/aquasecurity__trivy/pkg/sbom/spdx/testdata/happy/bom.json'), spdx]) {
      const expected = await cliReport(db, file)
      const page = await context.newPage()
      await page.goto(server.url)
      if (file === spdx) {
        // Dropped on the drop zone rather than picked.
        const text = readFileSync(file, 'utf8')
        const dt = await page.evaluateHandle((t) => {
          const d = new DataTransfer()
          d.items.add(new File([t], 'juice-shop.spdx.json', { type: 'application/json' }))
          return d
        }, text)
        await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt })
        await page.waitForFunction(() => document.body.dataset.state === 'done')
      } else {
        await upload(page, file)
      }
      const json = JSON.parse(await downloadReport(page, 'json')) as JsonReport
      expect(comparable(json), file).toEqual(comparable(expected))
      const components = readSbom(readFileSync(file, 'utf8')).packages.length
      expect(await page.locator('#summary-line').textContent()).toContain(`${components} components, ${expected.findings.length} findings`)
      await page.close()
    }
    expect((await cliReport(db, spdx)).findings.length).toBeGreaterThan(10)
  }, 240_000)

  it('reports a file that is not an SBOM on the page, and recovers for the next file', async () => {
    const bad = join(work, 'not-an-sbom.json')
    writeFileSync(bad, JSON.stringify({ hello: 'world' }))
    const page = await context.newPage()
    await page.goto(server.url)
    await page.setInputFiles('#file', bad)
    await page.waitForFunction(() => document.body.dataset.state === 'error')
    expect(await page.locator('#error').textContent()).toMatch(/\[SBOM_INVALID\]$/)
    expect(await page.locator('#results').isHidden()).toBe(true)
    await upload(page, join(data!, JUICE))
    expect(await page.locator('#error').isHidden()).toBe(true)
    await page.close()
  }, 120_000)

  it('checks a 10 000-component SBOM without blocking the main thread for 200 ms', async () => {
    const file = join(work, 'generated-10000.cdx.json')
    writeFileSync(file, JSON.stringify(generateSbom(10_000, data!)))
    const expected = await cliReport(db, file)
    const page = await context.newPage()
    await page.goto(server.url)
    await upload(page, file, 180_000)
    const summary = await page.locator('#summary-line').textContent()
    expect(summary).toContain('10000 components')
    expect(summary).toContain(`${expected.findings.length} findings`)
    const json = JSON.parse(await downloadReport(page, 'json')) as JsonReport
    expect(comparable(json)).toEqual(comparable(expected))
    expect(await page.locator('#unmatched-line').textContent()).toMatch(/\d+: no purl and no ecosystem hint/)
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    console.log(`[browser test] 10k components: ${expected.findings.length} findings; long tasks (ms): ${longTasks.map((d) => Math.round(d)).join(', ') || 'none'}`)
    expect(Math.max(0, ...longTasks)).toBeLessThan(200)
    await page.screenshot({ path: join(ARTIFACTS, 'sbom-check-10000.png') })
    await page.close()
  }, 300_000)
})
