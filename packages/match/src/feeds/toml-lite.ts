import { StowawayError } from '@stowaway/core'

/** A TOML value as the subset reader returns it. */
export type TomlValue = string | number | boolean | TomlValue[] | { [k: string]: TomlValue }

// Splits off a trailing `# comment` that is outside any string.
function stripComment(line: string): string {
  let q: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (q) {
      if (c === '\\' && q === '"') i++
      else if (c === q) q = undefined
    } else if (c === '"' || c === "'") q = c
    else if (c === '#') return line.slice(0, i)
  }
  return line
}

function parseValue(src: string, at: { i: number }): TomlValue {
  const skip = () => {
    while (at.i < src.length && /[\s,]/.test(src[at.i]!)) at.i++
  }
  skip()
  const c = src[at.i]
  if (c === '"' || c === "'") {
    const triple = src.startsWith(c.repeat(3), at.i)
    const end = triple ? c.repeat(3) : c
    at.i += end.length
    let out = ''
    while (at.i < src.length && !src.startsWith(end, at.i)) {
      const ch = src[at.i]!
      if (ch === '\\' && c === '"') {
        const n = src[at.i + 1]!
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n
        at.i += 2
      } else {
        out += ch
        at.i++
      }
    }
    at.i += end.length
    return triple ? out.replace(/^\n/, '') : out
  }
  if (c === '[') {
    at.i++
    const arr: TomlValue[] = []
    for (;;) {
      skip()
      if (at.i >= src.length) throw new StowawayError('ADVISORY_INVALID', 'Cannot read TOML: unterminated array')
      if (src[at.i] === ']') {
        at.i++
        return arr
      }
      arr.push(parseValue(src, at))
    }
  }
  const m = /^[^\s,\]]+/.exec(src.slice(at.i))
  if (!m) throw new StowawayError('ADVISORY_INVALID', `Cannot read TOML: unexpected "${src.slice(at.i, at.i + 20)}"`)
  at.i += m[0].length
  if (m[0] === 'true' || m[0] === 'false') return m[0] === 'true'
  return /^[+-]?\d+(\.\d+)?$/.test(m[0]) ? Number(m[0]) : m[0]
}

/**
 * Read the TOML subset advisory front matter uses: `[table]` and `[a.b]` headers,
 * `key = value` with basic/literal/multi-line strings, numbers, booleans, bare dates
 * and (multi-line) arrays. Quoted keys are kept verbatim.
 *
 * @param text TOML text
 * @returns the nested object
 * @throws {StowawayError} `ADVISORY_INVALID` on syntax it cannot read
 * @example
 * ```ts
 * import { parseTomlLite } from '@stowaway/match'
 * parseTomlLite('[versions]\npatched = [">= 1.0"]') // { versions: { patched: ['>= 1.0'] } }
 * ```
 */
export function parseTomlLite(text: string): Record<string, TomlValue> {
  const root: Record<string, TomlValue> = {}
  let table = root
  const lines = text.split('\n')
  for (let n = 0; n < lines.length; n++) {
    const line = stripComment(lines[n]!).trim()
    if (!line) continue
    if (line.startsWith('[')) {
      const path = line.replace(/^\[+|\]+$/g, '').split('.').map((s) => s.trim().replace(/^"|"$/g, ''))
      table = root
      for (const k of path) {
        if (typeof table[k] !== 'object' || Array.isArray(table[k])) table[k] = {}
        table = table[k] as Record<string, TomlValue>
      }
      continue
    }
    const eq = line.search(/=(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    if (eq <= 0) throw new StowawayError('ADVISORY_INVALID', `Cannot read TOML: line ${n + 1} is not "key = value"`)
    const key = line.slice(0, eq).trim().replace(/^"|"$/g, '')
    // Values may span lines (arrays, triple-quoted strings): feed lines until balanced.
    let src = lines[n]!.slice(lines[n]!.indexOf('=') + 1)
    const open = (s: string) => {
      const t = s.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\])*"|'[^']*'/g, '')
      return (t.match(/\[/g)?.length ?? 0) > (t.match(/\]/g)?.length ?? 0) || /"""|'''/.test(t)
    }
    while (open(src) && n + 1 < lines.length) src += '\n' + stripComment(lines[++n]!)
    table[key] = parseValue(src, { i: 0 })
  }
  return root
}
