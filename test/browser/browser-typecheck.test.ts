import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPO_ROOT } from '../support/shared.ts'

// The browser build of the core must not lean on Node globals. tsconfig.browser.json
// checks it with DOM libs and no Node types; these tests prove that config (a) covers
// every browser-bound source file and (b) really rejects `Buffer` and `process`.
const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc')
const BROWSER_PACKAGES = ['core', 'version', 'pull', 'extract', 'sbom', 'match', 'web']

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

function runTsc(args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [tsc, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 }) }
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string }
    return { code: err.status, out: `${err.stdout}${err.stderr}` }
  }
}

describe('browser type check (tsconfig.browser.json)', () => {
  it('covers every non-Node, non-test source file of the browser-safe packages', () => {
    const { code, out } = runTsc(['-p', 'tsconfig.browser.json', '--listFilesOnly'])
    expect(code).toBe(0)
    const listed = new Set(out.split('\n').map((l) => l.trim()).filter(Boolean).map((f) => relative(REPO_ROOT, f)))
    const expected = BROWSER_PACKAGES.flatMap((p) => {
      const src = join(REPO_ROOT, 'packages', p, 'src')
      try {
        return walk(src)
      } catch {
        return []
      }
    })
      .map((f) => relative(REPO_ROOT, f))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.node.ts') && !f.endsWith('.test.ts') && !f.includes('/testing/'))
    expect(expected.length).toBeGreaterThan(50)
    expect(expected.filter((f) => !listed.has(f))).toEqual([])
    // No Node type declarations may sneak in through the program either.
    expect([...listed].filter((f) => f.includes('@types/node'))).toEqual([])
  }, 150_000)

  it('fails on a stray Buffer or process and passes on Web APIs only', () => {
    const dir = join(REPO_ROOT, '.cache', `browser-tsc-probe-${process.pid}`)
    mkdirSync(dir, { recursive: true })
    try {
      const config = (files: string[]) =>
        JSON.stringify({ extends: '../../tsconfig.browser.json', include: [], files, compilerOptions: { baseUrl: '../..' } })
      writeFileSync(join(dir, 'stray.ts'), "export const a = Buffer.from('x')\nexport const b = process.env.HOME\n")
      writeFileSync(join(dir, 'clean.ts'), "export const a = new TextEncoder().encode('x')\nexport const b = typeof WebAssembly.instantiate\n")
      writeFileSync(join(dir, 'stray.json'), config(['stray.ts']))
      writeFileSync(join(dir, 'clean.json'), config(['clean.ts']))
      const stray = runTsc(['-p', join(dir, 'stray.json')])
      expect(stray.code).not.toBe(0)
      expect(stray.out).toMatch(/stray\.ts\(1,\d+\): error TS\d+: Cannot find name 'Buffer'/)
      expect(stray.out).toMatch(/stray\.ts\(2,\d+\): error TS\d+: Cannot find name 'process'/)
      const clean = runTsc(['-p', join(dir, 'clean.json')])
      expect(clean.out).toBe('')
      expect(clean.code).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 150_000)
})
