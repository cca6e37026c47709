// Test support: read the version vectors the repo carries in test/fixtures/versions.
import { readFileSync } from 'node:fs'

const root = new URL('../../../../test/fixtures/versions/', import.meta.url)

/** Read a fixture file under test/fixtures/versions. */
export function readVector(path: string): string {
  return readFileSync(new URL(path, root), 'utf8')
}

/** One `A op B` line. */
export interface OrderCase {
  a: string
  op: '<' | '=' | '>'
  b: string
  line: number
}

/**
 * Parse `A <op> B` lines (osv-scalibr fixtures and "A op B" cases files): single
 * spaces, `#` and `//` comments, blank lines skipped.
 */
export function readOrderCases(path: string): OrderCase[] {
  const out: OrderCase[] = []
  readVector(path)
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/\r$/, '')
      if (line.trim() === '' || line.startsWith('#') || line.startsWith('//')) return
      const m = /^(.*?) ([<=>]) (.*)$/.exec(line)
      if (!m) throw new Error(`Cannot parse vector line ${i + 1} of ${path}: ${line}`)
      out.push({ a: m[1]!, op: m[2] as OrderCase['op'], b: m[3]!, line: i + 1 })
    })
  return out
}

/** The expected compare code of an op. */
export const opCode = (op: '<' | '=' | '>'): -1 | 0 | 1 => (op === '<' ? -1 : op === '>' ? 1 : 0)
