import { describe, it, expect } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileTree } from './file-tree.ts'
import { extractFiles } from './extract-files.ts'
import { writeFilesToDir } from './write-files.node.ts'
import { layer, makeTar } from './testing/make-tar.ts'

const file = (path: string, text: string) => {
  const bytes = new TextEncoder().encode(text)
  return { path, bytes, size: bytes.length, mode: 0o644, layer: 'sha256:x', layerIndex: 0 }
}

describe('writeFilesToDir', () => {
  it('writes requested files from a hostile layer without escaping the directory', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stowaway-write-'))
    try {
      const dest = join(base, 'dest')
      const tar = makeTar([
        { name: '../../escape.txt', body: 'evil' },
        { name: '/etc/abs.txt', body: 'abs' },
        { name: 'etc/link', type: 'symlink', linkname: '/../../../../tmp' },
        { name: 'etc/os-release', body: 'ID=test\n' },
      ])
      const tree = await extractFiles([layer(tar, 0)], { patterns: ['**'] })
      const r = await writeFilesToDir(tree, dest)
      expect(r.written.sort()).toEqual(['etc/abs.txt', 'etc/os-release'])
      expect(readFileSync(join(dest, 'etc/os-release'), 'utf8')).toBe('ID=test\n')
      expect(existsSync(join(base, 'escape.txt'))).toBe(false)
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })

  it('refuses traversal names and writes through no symlinked parent', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stowaway-write-'))
    try {
      const dest = join(base, 'dest')
      const outside = join(base, 'outside')
      mkdirSync(dest)
      mkdirSync(outside)
      symlinkSync(outside, join(dest, 'etc'))
      const tree = createFileTree([file('../x', 'evil'), file('etc/passwd', 'evil'), file('ok/file', 'fine')])
      const r = await writeFilesToDir(tree, dest, ['../x', 'etc/passwd', 'ok/file'])
      expect(r.written).toEqual(['ok/file'])
      expect(r.refused).toEqual(['../x', 'etc/passwd'])
      expect(existsSync(join(outside, 'passwd'))).toBe(false)
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })
})
