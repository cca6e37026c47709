import { describe, expect, it } from 'vitest'
import { main } from '../cli.ts'
import { captureIo } from '../testing-io.ts'

describe('stowaway version', () => {
  it('compare prints <, = or > in the ecosystem order', async () => {
    for (const [a, b, want] of [
      ['1.2.3-1~deb12u1', '1.2.3-1', '<'],
      ['1:0.9', '2.0', '>'],
      ['1.0000-1', '1.0-1', '='],
    ]) {
      const io = captureIo()
      expect(await main(['version', 'compare', '--ecosystem', 'Debian:12', a!, b!], io)).toBe(0)
      expect(io.out).toBe(want + '\n')
    }
  })

  it('compare --batch answers one line per pair, ! with a reason for invalid ones', async () => {
    const io = captureIo('1.0\t2.0\n2.0\t1.0\nno-tab-here\n:1\t1.0\n1.0-1\t1.0-1\n')
    expect(await main(['version', 'compare', '--ecosystem', 'Debian', '--batch'], io)).toBe(1)
    expect(io.out).toBe('<\n>\n!\n!\n=\n')
    expect(io.err).toContain('line 3: expected "A<TAB>B"')
    expect(io.err).toContain('line 4: ":1" is not a valid Debian version')
  })

  it('compare --batch stays line-aligned across chunk boundaries', async () => {
    const lines: string[] = []
    const want: string[] = []
    for (let i = 0; i < 20000; i++) {
      lines.push(i === 12345 ? ':bad\t1' : `1.${i}\t1.${i % 7 === 0 ? i : i + 1}`)
      want.push(i === 12345 ? '!' : i % 7 === 0 ? '=' : '<')
    }
    const io = captureIo(lines.join('\n') + '\n')
    expect(await main(['version', 'compare', '--ecosystem', 'Debian', '--batch'], io)).toBe(1)
    expect(io.out.split('\n').slice(0, -1)).toEqual(want)
    expect(io.err).toBe('line 12346: ":bad" is not a valid Debian version\n')
  })

  it('satisfies prints true or false', async () => {
    const yes = captureIo()
    expect(await main(['version', 'satisfies', '--ecosystem', 'Debian', '1.5-1', '>= 1.0, << 2'], yes)).toBe(0)
    expect(yes.out).toBe('true\n')
    const no = captureIo()
    expect(await main(['version', 'satisfies', '--ecosystem', 'Debian', '2.0', '>= 1.0, << 2'], no)).toBe(0)
    expect(no.out).toBe('false\n')
  })

  it('fails with exit 2 and a coded message on bad input', async () => {
    const io = captureIo()
    expect(await main(['version', 'compare', '--ecosystem', 'Nope', '1', '2'], io)).toBe(2)
    expect(io.err).toContain('UNSUPPORTED_ECOSYSTEM')
    const io2 = captureIo()
    expect(await main(['version', 'compare', '--ecosystem', 'Debian', '', '1'], io2)).toBe(2)
    expect(io2.err).toContain('INVALID_VERSION')
  })
})
