// Test-only tar writer: builds ustar archives (with GNU long names or PAX headers when
// asked) so unit tests can describe layers entry by entry.
export interface TarSpec {
  name: string
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'char'
  body?: string | Uint8Array
  linkname?: string
  mode?: number
  /** How to store a name longer than 100 bytes. */
  long?: 'gnu' | 'pax' | 'prefix'
}

const enc = new TextEncoder()

function octal(block: Uint8Array, off: number, len: number, n: number): void {
  const s = n.toString(8).padStart(len - 1, '0')
  block.set(enc.encode(s), off)
  block[off + len - 1] = 0
}

function header(name: string, typeflag: string, size: number, opts: { linkname?: string; mode?: number; prefix?: string }): Uint8Array {
  const b = new Uint8Array(512)
  b.set(enc.encode(name).subarray(0, 100), 0)
  octal(b, 100, 8, opts.mode ?? 0o644)
  octal(b, 108, 8, 0)
  octal(b, 116, 8, 0)
  octal(b, 124, 12, size)
  octal(b, 136, 12, 1747699200)
  b[156] = typeflag.charCodeAt(0)
  if (opts.linkname) b.set(enc.encode(opts.linkname).subarray(0, 100), 157)
  b.set(enc.encode('ustar\u000000'), 257)
  if (opts.prefix) b.set(enc.encode(opts.prefix), 345)
  b.fill(0x20, 148, 156)
  let sum = 0
  for (const x of b) sum += x
  octal(b, 148, 7, sum)
  b[155] = 0x20
  return b
}

function padded(body: Uint8Array): Uint8Array[] {
  const pad = (512 - (body.length % 512)) % 512
  return [body, new Uint8Array(pad)]
}

function paxRecord(key: string, value: string): string {
  const base = ` ${key}=${value}\n`
  let len = base.length + 1
  while (String(len).length + base.length !== len) len = String(len).length + base.length
  return `${len}${base}`
}

/** Build a tar archive from entry specs (end-of-archive blocks included unless `noEnd`). */
export function makeTar(entries: TarSpec[], noEnd = false): Uint8Array {
  const parts: Uint8Array[] = []
  for (const e of entries) {
    const type = e.type ?? 'file'
    const flag = { file: '0', dir: '5', symlink: '2', hardlink: '1', char: '3' }[type]
    const body = typeof e.body === 'string' ? enc.encode(e.body) : (e.body ?? new Uint8Array(0))
    let name = e.name
    let prefix: string | undefined
    if (enc.encode(name).length > 100 || (e.linkname && e.linkname.length > 100)) {
      if (e.long === 'pax') {
        let rec = paxRecord('path', name)
        if (e.linkname) rec += paxRecord('linkpath', e.linkname)
        const pb = enc.encode(rec)
        parts.push(header('PaxHeader', 'x', pb.length, {}), ...padded(pb))
      } else if (e.long === 'prefix') {
        const cut = name.lastIndexOf('/', name.length - 1 - 0)
        prefix = name.slice(0, cut)
        name = name.slice(cut + 1)
      } else {
        const nb = enc.encode(name + '\0')
        parts.push(header('././@LongLink', 'L', nb.length, {}), ...padded(nb))
      }
      if (e.long !== 'prefix') name = name.slice(0, 100)
    }
    parts.push(header(name, flag, type === 'file' ? body.length : 0, { linkname: e.linkname, mode: e.mode ?? (type === 'dir' ? 0o755 : 0o644), prefix }))
    if (type === 'file') parts.push(...padded(body))
  }
  if (!noEnd) parts.push(new Uint8Array(1024))
  const total = parts.reduce((n, p) => n + p.length, 0)
  const out = new Uint8Array(total)
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

/** A stream that yields `bytes` in chunks of `chunk` bytes (to exercise split headers). */
export function chunkedStream(bytes: Uint8Array, chunk = 4096): ReadableStream<Uint8Array> {
  let off = 0
  return new ReadableStream({
    pull(c) {
      if (off >= bytes.length) return c.close()
      c.enqueue(bytes.slice(off, off + chunk))
      off += chunk
    },
  })
}

/** gzip bytes with the platform CompressionStream. */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const s = new Response(bytes as Uint8Array<ArrayBuffer>).body!.pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(s).arrayBuffer())
}

/** A layer source over in-memory bytes. */
export function layer(bytes: Uint8Array, index: number, chunk = 4096, mediaType = 'application/vnd.oci.image.layer.v1.tar') {
  return { descriptor: { digest: `sha256:layer${index}`, mediaType, size: bytes.length }, index, body: chunkedStream(bytes, chunk) }
}
