import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './support/shared.ts'

// Real Deno (npm package `deno`) against the built packages (`npm run build`).
const deno = join(REPO_ROOT, 'node_modules/.bin/deno')
const built = existsSync(join(REPO_ROOT, 'packages/version/dist/index.js'))

describe('Deno runtime', () => {
  it.runIf(built || process.env.CI)('runs the Deno test files against the built packages', () => {
    const out = execFileSync(deno, ['test', '-A', '--no-check', 'test/deno/'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      timeout: 120_000,
    })
    expect(out).toMatch(/ok \| \d+ passed \| 0 failed/)
  }, 150_000)
})
