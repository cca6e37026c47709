import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readZip } from './zip.ts'
import { ingestDocument } from './ingest-document.ts'

function hasZip(): boolean {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// Archives are made by Info-ZIP `zip`, an independent writer: stored (-0) and deflated.
describe.skipIf(!hasZip())('readZip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swzip-'))
  const big = JSON.stringify({ id: 'PYSEC-1', affected: [{ package: { ecosystem: 'PyPI', name: 'a' }, versions: ['1.0'] }], details: 'x'.repeat(5000) })
  writeFileSync(join(dir, 'PYSEC-1.json'), big)
  writeFileSync(join(dir, 'GO-1.json'), JSON.stringify({ id: 'GO-1', withdrawn: '2024-01-01T00:00:00Z', affected: [] }))
  execFileSync('zip', ['-q', '-9', join(dir, 'deflated.zip'), 'PYSEC-1.json', 'GO-1.json'], { cwd: dir })
  execFileSync('zip', ['-q', '-0', join(dir, 'stored.zip'), 'PYSEC-1.json'], { cwd: dir })

  it('lists and inflates deflated entries', async () => {
    const entries = readZip(new Uint8Array(readFileSync(join(dir, 'deflated.zip'))))
    expect(entries.map((e) => e.name)).toEqual(['PYSEC-1.json', 'GO-1.json'])
    expect(new TextDecoder().decode(await entries[0]!.read())).toBe(big)
  })
  it('reads stored entries', async () => {
    const [e] = readZip(new Uint8Array(readFileSync(join(dir, 'stored.zip'))))
    expect(e!.size).toBe(big.length)
    expect(new TextDecoder().decode(await e!.read())).toBe(big)
  })
  it('ingests an all.zip dump, honouring withdrawn', async () => {
    const r = await ingestDocument('all.zip', new Uint8Array(readFileSync(join(dir, 'deflated.zip'))))
    expect(r.advisories.map((a) => a.id)).toEqual(['PYSEC-1'])
    expect(r.skipped).toEqual(['withdrawn'])
  })
  it('refuses a truncated archive', () => {
    const b = new Uint8Array(readFileSync(join(dir, 'deflated.zip')))
    expect(() => readZip(b.subarray(0, b.length - 30))).toThrow(/Cannot read zip/)
  })
})
