import { StowawayError } from '@stowaway/core'

/**
 * Build information embedded by the Go linker: the toolchain version and the
 * module list (`runtime/debug.BuildInfo` in text form).
 *
 * @example
 * ```ts
 * import type { GoBuildInfo } from '@stowaway/sbom'
 * const b: GoBuildInfo = { goVersion: 'go1.22.1', path: 'example.com/cmd', main: { path: 'example.com', version: '(devel)' }, deps: [], settings: {} }
 * ```
 */
export interface GoBuildInfo {
  /** e.g. `go1.22.1` */
  goVersion: string
  /** The main package path (`path` line). */
  path?: string
  main?: GoModule
  deps: GoModule[]
  /** `build` lines: `-ldflags`, `GOOS`, `vcs.revision` … */
  settings: Record<string, string>
}

/**
 * One module line (`mod`/`dep`), with its `=>` replacement when there is one.
 *
 * @example
 * ```ts
 * import type { GoModule } from '@stowaway/sbom'
 * const m: GoModule = { path: 'golang.org/x/xerrors', version: 'v0.0.0-2022', replace: { path: 'github.com/golang/xerrors', version: 'v0.0.0-2022' } }
 * ```
 */
export interface GoModule {
  path: string
  version: string
  sum?: string
  replace?: GoModule
}

const MAGIC = [0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a] // "\xff Go buildinf:"
const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot read Go build info: ${state}`)

function findMagic(b: Uint8Array): number {
  for (let i = b.indexOf(0xff); i >= 0 && i + 32 <= b.length; i = b.indexOf(0xff, i + 1)) {
    let ok = true
    for (let k = 1; k < MAGIC.length; k++) if (b[i + k] !== MAGIC[k]) { ok = false; break }
    // The linker aligns the header to 16 bytes; checking alignment avoids a stray match in data.
    if (ok && i % 16 === 0) return i
  }
  return -1
}

/** ELF virtual address → file offset through PT_LOAD segments; undefined when unmapped. */
function elfMapper(b: Uint8Array): ((addr: number) => number | undefined) | undefined {
  if (b.length < 52 || b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) return undefined
  const is64 = b[4] === 2
  const le = b[5] === 1
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const word = (o: number) => (is64 ? Number(dv.getBigUint64(o, le)) : dv.getUint32(o, le))
  const phoff = word(is64 ? 32 : 28)
  const phentsize = dv.getUint16(is64 ? 54 : 42, le)
  const phnum = dv.getUint16(is64 ? 56 : 44, le)
  const segs: [number, number, number][] = []
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize
    if (p + (is64 ? 56 : 32) > b.length) break
    if (dv.getUint32(p, le) !== 1) continue
    const off = word(is64 ? p + 8 : p + 4)
    const vaddr = word(is64 ? p + 16 : p + 8)
    const filesz = word(is64 ? p + 32 : p + 16)
    segs.push([vaddr, filesz, off])
  }
  return (addr) => {
    for (const [va, sz, off] of segs) if (addr >= va && addr < va + sz) return addr - va + off
    return undefined
  }
}

/**
 * Whether an ELF file is cut short: its program or section header table, or one of
 * its loadable segments or sections, lies past the end of the bytes.
 *
 * @param b the file bytes
 * @returns true for a truncated ELF; false for a complete ELF or a non-ELF file
 * @example
 * ```ts
 * import { isTruncatedElf } from '@stowaway/sbom'
 * isTruncatedElf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1])) // true
 * ```
 */
export function isTruncatedElf(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) return false
  const is64 = b[4] === 2
  if (b.length < (is64 ? 64 : 52)) return true
  const le = b[5] === 1
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const word = (o: number) => (is64 ? Number(dv.getBigUint64(o, le)) : dv.getUint32(o, le))
  const phEnd = word(is64 ? 32 : 28) + dv.getUint16(is64 ? 54 : 42, le) * dv.getUint16(is64 ? 56 : 44, le)
  const shEnd = word(is64 ? 40 : 32) + dv.getUint16(is64 ? 58 : 46, le) * dv.getUint16(is64 ? 60 : 48, le)
  if (phEnd > b.length || shEnd > b.length) return true
  // Go's linker writes its headers first, so also check that every loadable segment fits.
  const phoff = word(is64 ? 32 : 28)
  const phentsize = dv.getUint16(is64 ? 54 : 42, le)
  for (let i = 0; i < dv.getUint16(is64 ? 56 : 44, le); i++) {
    const p = phoff + i * phentsize
    if (dv.getUint32(p, le) !== 1) continue
    if (word(is64 ? p + 8 : p + 4) + word(is64 ? p + 32 : p + 16) > b.length) return true
  }
  const shoff = word(is64 ? 40 : 32)
  const shentsize = dv.getUint16(is64 ? 58 : 46, le)
  for (let i = 0; i < dv.getUint16(is64 ? 60 : 48, le); i++) {
    const s = shoff + i * shentsize
    const type = dv.getUint32(s + 4, le)
    // SHT_NULL and SHT_NOBITS (.bss) occupy no file bytes.
    if (type === 0 || type === 8) continue
    if (word(is64 ? s + 24 : s + 16) + word(is64 ? s + 32 : s + 20) > b.length) return true
  }
  return false
}

function uvarint(b: Uint8Array, off: number): [number, number] {
  let v = 0
  let mul = 1
  for (let i = 0; i < 10; i++) {
    if (off + i >= b.length) throw bad('varint runs past the end of the file')
    const c = b[off + i]!
    v += (c & 0x7f) * mul
    if (!(c & 0x80)) return [v, i + 1]
    mul *= 128
  }
  throw bad('varint too long')
}

/**
 * Parse the `modinfo` text of a Go binary: `path`, `mod`, `dep`, `=>` and `build`
 * lines separated by tabs, possibly wrapped in the 16-byte sentinels the linker adds.
 *
 * @param goVersion the toolchain version string
 * @param modinfo the module text
 * @returns the structured build info
 * @example
 * ```ts
 * import { parseGoModinfo } from '@stowaway/sbom'
 * parseGoModinfo('go1.22.1', 'path\tx\nmod\tx\t(devel)\t\ndep\ty\tv1.0.0\th1:abc\n').deps[0]?.version // 'v1.0.0'
 * ```
 */
export function parseGoModinfo(goVersion: string, modinfo: string): GoBuildInfo {
  let text = modinfo
  // Sentinels: 16 bytes before and after, the last real char being a newline.
  if (text.length >= 33 && text.charAt(text.length - 17) === '\n') text = text.slice(16, -16)
  const info: GoBuildInfo = { goVersion, deps: [], settings: {} }
  let last: GoModule | undefined
  for (const line of text.split('\n')) {
    const f = line.split('\t')
    const mod = (): GoModule => {
      const m: GoModule = { path: f[1] ?? '', version: f[2] ?? '' }
      if (f[3]) m.sum = f[3]
      return m
    }
    if (f[0] === 'path') info.path = f[1]
    else if (f[0] === 'mod') last = info.main = mod()
    else if (f[0] === 'dep') info.deps.push((last = mod()))
    else if (f[0] === '=>' && last) last.replace = mod()
    else if (f[0] === 'build' && f[1]) {
      const eq = f[1].indexOf('=')
      if (eq > 0) info.settings[f[1].slice(0, eq)] = f[1].slice(eq + 1).replace(/^"(.*)"$/, '$1')
    }
  }
  return info
}

/**
 * Read the Go build info from an executable. Finds the `\xff Go buildinf:` header and
 * reads the version and module strings either inline (Go ≥ 1.18, any object format)
 * or through pointers (older Go; ELF only, pointers translated via PT_LOAD segments).
 *
 * @param bytes the executable
 * @returns the build info, or undefined when the file has no Go build info
 * @throws {StowawayError} `ARCHIVE_INVALID` when the header exists but its strings
 *   point outside the file
 * @example
 * ```ts
 * import { readGoBuildInfo } from '@stowaway/sbom'
 * readGoBuildInfo(new Uint8Array(64)) // undefined
 * ```
 */
export function readGoBuildInfo(bytes: Uint8Array): GoBuildInfo | undefined {
  const at = findMagic(bytes)
  if (at < 0) return undefined
  const ptrSize = bytes[at + 14]!
  const flags = bytes[at + 15]!
  const le = (flags & 1) === 0
  const dec = new TextDecoder()
  let version: string
  let modinfo: string
  if (flags & 2) {
    let off = at + 32
    const [vl, n1] = uvarint(bytes, off)
    off += n1
    if (off + vl > bytes.length) throw bad('version string runs past the end of the file')
    version = dec.decode(bytes.subarray(off, off + vl))
    off += vl
    const [ml, n2] = uvarint(bytes, off)
    off += n2
    if (off + ml > bytes.length) throw bad('module string runs past the end of the file')
    modinfo = dec.decode(bytes.subarray(off, off + ml))
  } else {
    if (ptrSize !== 4 && ptrSize !== 8) throw bad(`pointer size ${ptrSize}`)
    const map = elfMapper(bytes)
    if (!map) return undefined
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const ptr = (o: number) => (ptrSize === 8 ? Number(dv.getBigUint64(o, le)) : dv.getUint32(o, le))
    const str = (addr: number): string => {
      const h = map(addr)
      if (h === undefined || h + 2 * ptrSize > bytes.length) throw bad(`string header address 0x${addr.toString(16)} is not in the file`)
      const data = map(ptr(h))
      const len = ptr(h + ptrSize)
      if (len === 0) return ''
      if (data === undefined || data + len > bytes.length) throw bad(`string data at 0x${ptr(h).toString(16)} is not in the file`)
      return dec.decode(bytes.subarray(data, data + len))
    }
    version = str(ptr(at + 16))
    modinfo = str(ptr(at + 16 + ptrSize))
  }
  if (!version.startsWith('go') && !version.startsWith('devel')) throw bad(`version "${version.slice(0, 40)}"`)
  return parseGoModinfo(version, modinfo)
}
