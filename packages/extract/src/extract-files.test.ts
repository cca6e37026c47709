import { describe, it, expect } from 'vitest'
import { StowawayError, isStowawayError } from '@stowaway/core'
import { extractFiles } from './extract-files.ts'
import { gzip, layer, makeTar } from './testing/make-tar.ts'
import type { TarSpec } from './testing/make-tar.ts'

const text = (b?: Uint8Array) => (b ? new TextDecoder().decode(b) : undefined)
const layers = (...specs: TarSpec[][]) => specs.map((s, i) => layer(makeTar(s), i, 777))

describe('extractFiles: whiteouts and opaque directories', () => {
  it('removes whited-out files and directories of lower layers only', async () => {
    const tree = await extractFiles(
      layers(
        [
          { name: 'etc/motd', body: 'hi' },
          { name: 'usr/share/man/man1/ls.1', body: 'man' },
          { name: 'usr/bin/chfn', body: 'bin' },
          { name: 'usr/bin/keep', body: 'k' },
        ],
        [
          { name: 'etc/.wh.motd' },
          { name: 'usr/share/.wh.man' },
          { name: 'usr/bin/.wh.chfn' },
          { name: 'usr/bin/new', body: 'n' },
        ],
      ),
      { patterns: ['**'] },
    )
    expect(tree.paths()).toEqual(['usr/bin/keep', 'usr/bin/new'])
    expect(tree.get('usr/bin/keep')?.layerIndex).toBe(0)
    expect(tree.get('usr/bin/new')?.layer).toBe('sha256:layer1')
  })

  it('an opaque marker hides lower content but keeps what its own layer wrote, before or after it', async () => {
    const tree = await extractFiles(
      layers(
        [
          { name: 'usr/share/doc/a/copyright', body: 'a' },
          { name: 'usr/share/doc/b/copyright', body: 'b' },
          { name: 'usr/share/doc-other/x', body: 'x' },
        ],
        [
          { name: 'usr/share/doc/+early/copyright', body: 'early' },
          { name: 'usr/share/doc/.wh..wh..opq' },
          { name: 'usr/share/doc/curl/copyright', body: 'curl' },
          { name: 'etc/ssl/.wh..wh..opq' },
          { name: 'etc/ssl/certs/ca.pem', body: 'pem' },
        ],
      ),
      { patterns: ['**'] },
    )
    expect(tree.paths()).toEqual(['etc/ssl/certs/ca.pem', 'usr/share/doc-other/x', 'usr/share/doc/+early/copyright', 'usr/share/doc/curl/copyright'])
  })

  it('a later layer can re-create a whited-out path', async () => {
    const tree = await extractFiles(layers([{ name: 'a/f', body: '1' }], [{ name: '.wh.a' }], [{ name: 'a/f', body: '3' }]), { patterns: ['a/f'] })
    expect(text(tree.get('a/f')?.bytes)).toBe('3')
    expect(tree.get('a/f')?.layerIndex).toBe(2)
  })

  it('a file replaces a lower directory and the reverse', async () => {
    const tree = await extractFiles(layers([{ name: 'x/y', body: 'y' }, { name: 'z', body: 'z' }], [{ name: 'x', body: 'file' }, { name: 'z/w', body: 'w' }]), { patterns: ['**'] })
    expect(tree.paths()).toEqual(['x', 'z/w'])
  })
})

describe('extractFiles: links', () => {
  it('resolves file and merged-/usr directory symlinks inside the root', async () => {
    const tree = await extractFiles(
      layers(
        [
          { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
          { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
          { name: 'usr/lib/os-release', body: 'ID=debian\n' },
          { name: 'usr/lib/apk/db/installed', body: 'P:musl\n' },
        ],
      ),
      { patterns: ['etc/os-release', 'lib/apk/db/installed'] },
    )
    expect(text(tree.get('/etc/os-release')?.bytes)).toBe('ID=debian\n')
    expect(tree.get('etc/os-release')?.path).toBe('usr/lib/os-release')
    expect(text(tree.get('lib/apk/db/installed')?.bytes)).toBe('P:musl\n')
    expect(tree.paths()).toEqual(['etc/os-release', 'lib/apk/db/installed'])
    expect(tree.stat?.('lib/apk/db/installed')?.path).toBe('usr/lib/apk/db/installed')
  })

  it('keeps absolute and climbing symlinks inside the root', async () => {
    const tree = await extractFiles(
      layers([
        { name: 'etc/passwd', body: 'image-passwd' },
        { name: 'a/abs', type: 'symlink', linkname: '/etc/passwd' },
        { name: 'a/up', type: 'symlink', linkname: '../../../../../../etc/passwd' },
      ]),
      { patterns: ['etc/passwd'] },
    )
    expect(text(tree.get('a/abs')?.bytes)).toBe('image-passwd')
    expect(text(tree.get('a/up')?.bytes)).toBe('image-passwd')
  })

  it('stops at symlink loops', async () => {
    const tree = await extractFiles(
      layers([
        { name: 'a', type: 'symlink', linkname: 'b' },
        { name: 'b', type: 'symlink', linkname: 'a' },
        { name: 'self', type: 'symlink', linkname: 'self/x' },
      ]),
      { patterns: ['a', 'self'] },
    )
    expect(tree.get('a')).toBeUndefined()
    expect(tree.get('self/x/y')).toBeUndefined()
  })

  it('hard links share the target bytes and survive the target being whited out', async () => {
    const tree = await extractFiles(
      layers(
        [
          { name: 'usr/bin/perl', body: 'perl!' },
          { name: 'usr/bin/perl5.36.0', type: 'hardlink', linkname: 'usr/bin/perl' },
        ],
        [{ name: 'usr/bin/.wh.perl' }],
      ),
      { patterns: ['usr/bin/*'] },
    )
    expect(tree.paths()).toEqual(['usr/bin/perl5.36.0'])
    expect(text(tree.get('usr/bin/perl5.36.0')?.bytes)).toBe('perl!')
  })

  it('warns about a hard link to nothing', async () => {
    const tree = await extractFiles(layers([{ name: 'x', type: 'hardlink', linkname: 'missing' }]), { patterns: ['x'] })
    expect(tree.warnings.map((w) => w.code)).toEqual(['ARCHIVE_INVALID'])
  })
})

describe('extractFiles: selection, limits and bad input', () => {
  it('reads only requested files and warns about oversized ones', async () => {
    const tree = await extractFiles(
      layers([
        { name: 'var/lib/dpkg/status', body: 'Package: a\n' },
        { name: 'big.jar', body: 'x'.repeat(5000) },
        { name: 'other', body: 'no' },
      ]),
      { patterns: ['var/lib/dpkg/status', '**/*.jar'], maxFileBytes: 1000 },
    )
    expect(tree.paths()).toEqual(['var/lib/dpkg/status'])
    expect(tree.get('other')).toBeUndefined()
    expect(tree.stat?.('other')?.size).toBe(2)
    expect(tree.warnings).toEqual([expect.objectContaining({ code: 'LIMIT_EXCEEDED', path: 'big.jar' })])
  })

  it('per-pattern limits and the total limit apply', async () => {
    const files = [{ name: 'a.jar', body: 'x'.repeat(3000) }, { name: 'b.jar', body: 'y'.repeat(3000) }]
    const t1 = await extractFiles(layers(files), { patterns: ['*.jar'], maxFileBytes: 100, patternLimits: { '*.jar': 4000 } })
    expect(t1.paths()).toEqual(['a.jar', 'b.jar'])
    const t2 = await extractFiles(layers(files), { patterns: ['*.jar'], maxTotalBytes: 4000 })
    expect(t2.paths()).toEqual(['a.jar'])
    expect(t2.warnings[0]?.code).toBe('LIMIT_EXCEEDED')
  })

  it('drops path-traversal entries with a warning', async () => {
    const tree = await extractFiles(
      layers([
        { name: '../../etc/passwd', body: 'evil' },
        { name: '/abs/ok', body: 'fine' },
        { name: './dot/./ok', body: 'fine' },
      ]),
      { patterns: ['**'] },
    )
    expect(tree.paths()).toEqual(['abs/ok', 'dot/ok'])
    expect(tree.warnings).toEqual([expect.objectContaining({ code: 'PATH_UNSAFE' })])
  })

  it('keeps every version of history files with their layers', async () => {
    const tree = await extractFiles(layers([{ name: 'db', body: 'v1' }], [{ name: 'other', body: '' }], [{ name: 'db', body: 'v2' }]), {
      patterns: ['db'],
      historyPatterns: ['db'],
    })
    expect(tree.history?.('db').map((f) => [text(f.bytes), f.layerIndex])).toEqual([
      ['v1', 0],
      ['v2', 2],
    ])
  })

  it('a truncated gzip layer becomes a warning; entries before the damage and other layers stay', async () => {
    const good = makeTar([{ name: 'a', body: 'a' }, { name: 'pad', body: 'p'.repeat(100_000) }, { name: 'b', body: 'b' }])
    const gz = await gzip(good)
    const l0 = layer(gz.subarray(0, gz.length - 40), 0, 1000)
    const l1 = layer(makeTar([{ name: 'c', body: 'c' }]), 1)
    const tree = await extractFiles([l0, l1], { patterns: ['a', 'b', 'c'] })
    expect(tree.paths()).toEqual(['a', 'c'])
    expect(tree.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_INVALID', layer: 'sha256:layer0' })])
  })

  it('a corrupt tar layer throws ARCHIVE_INVALID under onLayerError: throw', async () => {
    const bad = makeTar([{ name: 'a', body: 'a' }])
    bad[10] ^= 1
    try {
      await extractFiles([layer(bad, 0)], { patterns: ['a'], onLayerError: 'throw' })
      expect.unreachable()
    } catch (e) {
      expect(isStowawayError(e, 'ARCHIVE_INVALID')).toBe(true)
    }
    const tree = await extractFiles([layer(bad, 0)], { patterns: ['a'] })
    expect(tree.warnings[0]?.code).toBe('ARCHIVE_INVALID')
  })

  it('garbage that is not a tar at all becomes a warning', async () => {
    const junk = new Uint8Array(3000).map((_, i) => (i * 7) & 0xff)
    const tree = await extractFiles([layer(junk, 0)], { patterns: ['**'] })
    expect(tree.paths()).toEqual([])
    expect(tree.warnings[0]?.code).toBe('ARCHIVE_INVALID')
  })

  it('stops with ABORTED when the signal fires', async () => {
    const ac = new AbortController()
    ac.abort()
    await expect(extractFiles(layers([{ name: 'a', body: 'a' }]), { patterns: ['a'], signal: ac.signal })).rejects.toMatchObject({ code: 'ABORTED' })
  })

  it('bounds the number of entries', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, body: '' }))
    await expect(extractFiles(layers(many), { patterns: [], maxEntries: 10, onLayerError: 'throw' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' })
  })
})

describe('extractFiles: odd archives', () => {
  it('treats v7 trailing-slash entries as directories and ignores aufs bookkeeping', async () => {
    const tree = await extractFiles(
      layers([{ name: 'd/keep', body: 'k' }], [{ name: 'd/', body: '' }, { name: 'd/.wh..wh.plnk' }, { name: '.wh..wh.aufs' }]),
      { patterns: ['**'] },
    )
    expect(tree.paths()).toEqual(['d/keep'])
  })

  it('a hard link to a symlink behaves as that symlink', async () => {
    const tree = await extractFiles(
      layers([
        { name: 'usr/lib/os-release', body: 'ID=x\n' },
        { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
        { name: 'other/dir/os', type: 'hardlink', linkname: 'etc/os-release' },
      ]),
      { patterns: ['usr/lib/os-release'] },
    )
    expect(text(tree.get('other/dir/os')?.bytes)).toBe('ID=x\n')
  })
})

describe('extractFiles: tampered layers', () => {
  it('a corrupt tar inside a blob whose digest fails throws DIGEST_MISMATCH, not a warning', async () => {
    const bad = makeTar([{ name: 'a', body: 'a' }, { name: 'b', body: 'b'.repeat(10_000) }])
    bad[1024 + 2] ^= 1 // break the second header
    let off = 0
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (off >= bad.length) return c.error(makeDigestError())
        c.enqueue(bad.slice(off, off + 512))
        off += 512
      },
    })
    const l = { descriptor: { digest: 'sha256:t', mediaType: 'application/vnd.oci.image.layer.v1.tar', size: bad.length }, index: 0, body }
    await expect(extractFiles([l], { patterns: ['**'] })).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' })
  })
})

function makeDigestError() {
  return new StowawayError('DIGEST_MISMATCH', 'Cannot verify blob: digest "sha256:t" does not match')
}

describe('extractFiles: hostile symlink webs', () => {
  it('many links to one target do not explode the alias search', async () => {
    const specs: TarSpec[] = []
    for (let i = 0; i < 300; i++) specs.push({ name: `l${i}`, type: 'symlink', linkname: 'x' })
    for (let i = 0; i < 300; i++) specs.push({ name: `x/m${i}`, type: 'symlink', linkname: '../x' })
    for (let i = 0; i < 2000; i++) specs.push({ name: `x/f${i}`, body: 'f' })
    // Unbounded, each x/f* entry would try 600^4 alias paths: the test would never end.
    const tree = await extractFiles(layers(specs), { patterns: ['l0/f1', 'nothing'] })
    expect(text(tree.get('l0/f1')?.bytes)).toBe('f')
  })
})

describe('extractFiles: history through links', () => {
  it('keeps history of a database requested through a merged-/usr symlink', async () => {
    const tree = await extractFiles(
      layers([{ name: 'lib', type: 'symlink', linkname: 'usr/lib' }, { name: 'usr/lib/apk/db/installed', body: 'v1' }], [{ name: 'usr/lib/apk/db/installed', body: 'v2' }]),
      { patterns: ['lib/apk/db/installed'], historyPatterns: ['lib/apk/db/installed'] },
    )
    expect(tree.history?.('lib/apk/db/installed').map((f) => [text(f.bytes), f.layerIndex])).toEqual([
      ['v1', 0],
      ['v2', 1],
    ])
  })
})

describe('extractFiles: mutated archives', () => {
  it('random byte flips and cuts never crash: a tree with warnings, nothing else', async () => {
    const base = makeTar([
      { name: 'etc/os-release', body: 'ID=x\n' },
      { name: 'a/' + 'b'.repeat(150), body: 'long', long: 'pax' },
      { name: 'c/' + 'd'.repeat(150), body: 'gnu', long: 'gnu' },
      { name: 'l', type: 'symlink', linkname: 'etc/os-release' },
      { name: 'h', type: 'hardlink', linkname: 'etc/os-release' },
      { name: 'var/lib/dpkg/status', body: 'Package: a\nVersion: 1\n'.repeat(50) },
    ])
    const gz = await gzip(base)
    let seed = 42
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n
    for (let i = 0; i < 300; i++) {
      const src = i % 2 ? gz : base
      const m = src.slice(0, i % 7 === 0 ? rnd(src.length) : src.length)
      for (let k = 0; k < 1 + rnd(4); k++) if (m.length) m[rnd(m.length)] = rnd(256)
      const tree = await extractFiles([layer(m, 0, 1 + rnd(2000))], { patterns: ['**'], maxFileBytes: 4096 })
      for (const w of tree.warnings) expect(typeof w.code).toBe('string')
      for (const p of tree.paths()) expect(tree.get(p)).toBeDefined()
    }
  })
})

describe('extractFiles: link before or after its target', () => {
  it('a requested link whose target came first and was not requested is warned about', async () => {
    const tree = await extractFiles(layers([{ name: 'usr/lib/os-release', body: 'ID=x\n' }, { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' }]), {
      patterns: ['etc/os-release'],
    })
    expect(tree.get('etc/os-release')).toBeUndefined()
    expect(tree.warnings).toEqual([expect.objectContaining({ code: 'NOT_FOUND', path: 'etc/os-release' })])
  })

  it('when both are requested the link is visible either way round', async () => {
    for (const order of [0, 1]) {
      const specs: TarSpec[] = [{ name: 'usr/lib/os-release', body: 'ID=x\n' }, { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' }]
      if (order) specs.reverse()
      const tree = await extractFiles(layers(specs), { patterns: ['etc/os-release', 'usr/lib/os-release'] })
      expect(tree.paths()).toEqual(['etc/os-release', 'usr/lib/os-release'])
      expect(tree.warnings).toEqual([])
    }
  })
})

describe('extractFiles: globs through symlinks', () => {
  it('a glob-matched link to an unrequested file is visible with the target bytes, read when the target comes later', async () => {
    const tree = await extractFiles(
      layers([
        { name: 'usr/local/bin/tool', type: 'symlink', linkname: '/opt/tool/1.2/tool' },
        { name: 'usr/local/bin/real', body: 'R' },
        { name: 'usr/local/bin/alias', type: 'symlink', linkname: 'real' },
        { name: 'opt/tool/1.2/tool', body: 'T' },
      ]),
      { patterns: ['usr/local/bin/*'] },
    )
    // `alias` points at a file the glob names already: listing it would count `real` twice.
    expect(tree.glob('usr/local/bin/*')).toEqual(['usr/local/bin/real', 'usr/local/bin/tool'])
    expect(text(tree.get('usr/local/bin/tool')?.bytes)).toBe('T')
  })
})
