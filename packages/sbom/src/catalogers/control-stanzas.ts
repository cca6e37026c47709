/**
 * One paragraph of a deb822-style file (dpkg status) or an apk installed-db record,
 * with the 1-based line where it starts.
 */
export interface Stanza {
  fields: Map<string, string>
  line: number
  /** Lines that were neither `Key: value` nor a continuation. */
  bad: number
}

/**
 * Split deb822 text (dpkg `status`, `status.d/*`) into paragraphs of `Key: value`
 * fields; continuation lines (leading space or tab) are joined with `\n`. Field names
 * are matched case-insensitively by dpkg, so they are stored lower-cased.
 *
 * @param text the file
 * @returns the paragraphs
 * @example
 * ```ts
 * import { parseDeb822 } from '@stowaway/sbom'
 * parseDeb822('Package: a\nVersion: 1\n\nPackage: b\n')[1]!.fields.get('package') // 'b'
 * ```
 */
export function parseDeb822(text: string): Stanza[] {
  const out: Stanza[] = []
  let cur: Stanza | undefined
  let last: string | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '')
    if (line.trim() === '') {
      cur = undefined
      last = undefined
      continue
    }
    if (!cur) {
      cur = { fields: new Map(), line: i + 1, bad: 0 }
      out.push(cur)
    }
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      cur.fields.set(last, cur.fields.get(last) + '\n' + line.slice(1))
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) {
      cur.bad++
      continue
    }
    last = line.slice(0, colon).trim().toLowerCase()
    cur.fields.set(last, line.slice(colon + 1).trim())
  }
  return out
}

/**
 * Split an apk installed database into records of single-letter fields (`P:`, `V:` …).
 * Only the first value of a letter is kept except for the file lists, which apk
 * repeats per file and which are not needed here.
 *
 * @param text the `lib/apk/db/installed` file
 * @returns the records
 * @example
 * ```ts
 * import { parseApkRecords } from '@stowaway/sbom'
 * parseApkRecords('P:musl\nV:1.2.4-r0\n\nP:zlib\nV:1.3-r0\n').length // 2
 * ```
 */
export function parseApkRecords(text: string): Stanza[] {
  const out: Stanza[] = []
  let cur: Stanza | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '')
    if (line === '') {
      cur = undefined
      continue
    }
    if (!cur) {
      cur = { fields: new Map(), line: i + 1, bad: 0 }
      out.push(cur)
    }
    if (line.length < 2 || line[1] !== ':') {
      cur.bad++
      continue
    }
    const k = line[0]!
    if (!cur.fields.has(k)) cur.fields.set(k, line.slice(2))
  }
  return out
}
