// Launch Debian's Chromium through playwright-core (never a downloaded browser), with a
// fresh profile, and record every request the page and its workers make.
import { mkdtempSync, rmSync } from 'node:fs'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

/** Debian's chromium binary (.ci/run installs it), or $STOWAWAY_CHROMIUM. */
export const CHROMIUM = process.env.STOWAWAY_CHROMIUM ?? '/usr/bin/chromium'

/** Whether the browser tests can run here; CI must have it. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true
  if (process.env.CI) throw new Error(`Cannot find Chromium at "${CHROMIUM}" and CI is set`)
  console.warn(`[stowaway tests] skipping browser tests: no Chromium at "${CHROMIUM}"`)
  return false
}

/** A persistent context on a fresh user-data dir; `close()` removes the dir. */
export async function launchChromium(): Promise<{ context: BrowserContext; requests: string[]; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'stowaway-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  })
  const requests: string[] = []
  context.on('request', (r) => requests.push(r.url()))
  return {
    context,
    requests,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
