import { describe, it, expect, beforeAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readAllBytes } from '@stowaway/core'
import { memoryFiles } from './file-access.ts'
import { normalizeMemberName, openTarArchive } from './tar-index.ts'

// Archives written by GNU tar in each header format it knows; the index must agree with `tar -t`.
describe('openTarArchive on GNU tar output', () => {
  let dir: string
  const long = `${'a'.repeat(80)}/${'b'.repeat(80)}/file-with-a-long-name.txt`
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowaway-tar-'))
    const src = join(dir, 'src')
    mkdirSync(join(src, 'a'.repeat(80), 'b'.repeat(80)), { recursive: true })
    writeFileSync(join(src, long), 'long\n')
    writeFileSync(join(src, 'small.txt'), 'x'.repeat(700))
    symlinkSync('small.txt', join(src, 'link'))
    symlinkSync('missing', join(src, 'dangling'))
  })

  const open = async (format: string, gzip = false) => {
    const file = join(dir, `${format}.tar${gzip ? '.gz' : ''}`)
    execFileSync('tar', [`--format=${format}`, gzip ? '-czf' : '-cf', file, '-C', join(dir, 'src'), '.'])
    const bytes = new Uint8Array(readFileSync(file))
    const files = memoryFiles(new Map([['x', bytes]]))
    return openTarArchive(await files.open('x'), file)
  }

  it.each([['gnu'], ['pax'], ['ustar'], ['gnu', true]] as [string, boolean?][])('format %s (gzip %s)', async (format, gzip) => {
    if (format === 'ustar') {
      // ustar cannot store a 170-character name: GNU tar refuses it, which is the point.
      expect(() => execFileSync('tar', ['--format=ustar', '-cf', join(dir, 'u.tar'), '-C', join(dir, 'src'), long], { stdio: 'ignore' })).toThrow()
      return
    }
    const { files, members } = await open(format, gzip)
    expect(members.has(long)).toBe(true)
    expect(new TextDecoder().decode(await readAllBytes((await files.open(long)).read(0, Infinity)))).toBe('long\n')
    expect(new TextDecoder().decode(await readAllBytes((await files.open('./link')).read(0, Infinity)))).toBe('x'.repeat(700))
    const part = await readAllBytes((await files.open('small.txt')).read(10, 20))
    expect(part.byteLength).toBe(10)
    await expect(files.open('dangling')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(files.open(normalizeMemberName('a'.repeat(80)))).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
  })

  it('rejects a corrupt header and a truncated archive', async () => {
    const { members } = await open('gnu')
    expect(members.size).toBeGreaterThan(3)
    const good = new Uint8Array(readFileSync(join(dir, 'gnu.tar')))
    const corrupt = good.slice()
    corrupt[100] ^= 0x5a
    await expect(openTarArchive(await memoryFiles(new Map([['c', corrupt]])).open('c'), 'c')).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
    const truncated = good.slice(0, 700)
    await expect(openTarArchive(await memoryFiles(new Map([['t', truncated]])).open('t'), 't')).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
  })
})
