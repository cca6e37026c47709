import { StowawayError } from '@stowaway/core'

/** A WFN attribute value: `ANY` (`*`), `NA` (`-`), or a WFN string (non-alphanumerics backslash-quoted, `*`/`?` unquoted = wildcards). */
export type CpeValue = { kind: 'ANY' } | { kind: 'NA' } | { kind: 'value'; value: string }

/** The eleven attributes of a CPE 2.3 well-formed name (NISTIR 7695). */
export const CPE_ATTRIBUTES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const

/**
 * A CPE 2.3 well-formed name.
 *
 * @example
 * ```ts
 * import type { Wfn } from '@stowaway/match'
 * const w: Wfn = { part: { kind: 'value', value: 'a' }, vendor: { kind: 'ANY' } } as Wfn
 * ```
 */
export type Wfn = Record<(typeof CPE_ATTRIBUTES)[number], CpeValue>

const ANY: CpeValue = { kind: 'ANY' }
const NA: CpeValue = { kind: 'NA' }

function bad(what: string, s: string): never {
  throw new StowawayError('INVALID_ARGUMENT', `Cannot parse CPE ${what}: "${s}"`)
}

function isAlnum(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c)
}

// Formatted-string field → WFN value (NISTIR 7695 §6.2.3): `*`/`-` alone are ANY/NA;
// otherwise quote every non-alphanumeric that is not already quoted, keeping unquoted
// `*` and `?` as wildcards.
function unbindFsField(s: string): CpeValue {
  if (s === '*') return ANY
  if (s === '-') return NA
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '\\') {
      if (i + 1 >= s.length) bad('formatted string field', s)
      out += '\\' + s[++i]
    } else if (c === '*' || c === '?') out += c
    else out += isAlnum(c) ? c : '\\' + c
  }
  return { kind: 'value', value: out }
}

/**
 * Parse a CPE 2.3 formatted string (`cpe:2.3:a:vendor:product:…`, 13 colon-separated
 * components, `\:` escapes a colon) into a WFN.
 *
 * @param fs formatted string
 * @returns the WFN
 * @throws {StowawayError} `INVALID_ARGUMENT` when it is not a formatted string
 * @example
 * ```ts
 * import { parseCpeFormattedString } from '@stowaway/match'
 * parseCpeFormattedString('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*').version // { kind: 'value', value: '8\\.0\\.6001' }
 * ```
 */
export function parseCpeFormattedString(fs: string): Wfn {
  if (!fs.toLowerCase().startsWith('cpe:2.3:')) bad('formatted string', fs)
  const fields: string[] = []
  let cur = ''
  for (let i = 8; i < fs.length; i++) {
    const c = fs[i]!
    if (c === '\\' && i + 1 < fs.length) {
      cur += c + fs[++i]
    } else if (c === ':') {
      fields.push(cur)
      cur = ''
    } else cur += c
  }
  fields.push(cur)
  if (fields.length !== 11) bad('formatted string', fs)
  const w = {} as Wfn
  CPE_ATTRIBUTES.forEach((a, i) => (w[a] = unbindFsField(fields[i]!)))
  if (w.part.kind === 'value' && !/^[aho*?]$/.test(w.part.value)) bad('part', fs)
  return w
}

function bindFsValue(v: CpeValue): string {
  if (v.kind === 'ANY') return '*'
  if (v.kind === 'NA') return '-'
  // §6.2.2.2: `\.`, `\-`, `\_` drop their quote; other quotes stay.
  return v.value.replace(/\\([.\-_])/g, '$1')
}

/**
 * Bind a WFN to a CPE 2.3 formatted string.
 *
 * @param w the WFN
 * @returns `cpe:2.3:…`
 * @example
 * ```ts
 * import { formatCpe, parseCpeUri } from '@stowaway/match'
 * formatCpe(parseCpeUri('cpe:/a:microsoft:internet_explorer:8.0.6001:beta')) // 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'
 * ```
 */
export function formatCpe(w: Wfn): string {
  return 'cpe:2.3:' + CPE_ATTRIBUTES.map((a) => bindFsValue(w[a])).join(':')
}

const PCT_TO_CHAR: Record<string, string> = {
  '%21': '!', '%22': '"', '%23': '#', '%24': '$', '%25': '%', '%26': '&', '%27': "'", '%28': '(', '%29': ')', '%2a': '*', '%2b': '+',
  '%2c': ',', '%2f': '/', '%3a': ':', '%3b': ';', '%3c': '<', '%3d': '=', '%3e': '>', '%3f': '?', '%40': '@', '%5b': '[', '%5c': '\\',
  '%5d': ']', '%5e': '^', '%60': '`', '%7b': '{', '%7c': '|', '%7d': '}', '%7e': '~',
}

// URI component → WFN value (§6.1.3.2): empty = ANY, `-` = NA, %01/%02 = ? and *
// wildcards, other %xx decode to a quoted character, `.`/`-`/`~` are quoted literals.
function unbindUriField(s: string): CpeValue {
  if (s === '') return ANY
  if (s === '-') return NA
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '%') {
      const code = s.slice(i, i + 3).toLowerCase()
      i += 2
      if (code === '%01') out += '?'
      else if (code === '%02') out += '*'
      else {
        const ch = PCT_TO_CHAR[code]
        if (!ch) bad('URI percent-encoding', s)
        out += '\\' + ch
      }
    } else out += isAlnum(c) ? c.toLowerCase() : '\\' + c
  }
  return { kind: 'value', value: out }
}

/**
 * Parse a CPE 2.2-style URI (`cpe:/a:vendor:product:version:update:edition:language`,
 * with a packed `~edition~sw_edition~target_sw~target_hw~other` edition) into a WFN.
 *
 * @param uri the URI
 * @returns the WFN
 * @throws {StowawayError} `INVALID_ARGUMENT` when it is not a CPE URI
 * @example
 * ```ts
 * import { parseCpeUri } from '@stowaway/match'
 * parseCpeUri('cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~').target_hw // { kind: 'value', value: 'x64' }
 * ```
 */
export function parseCpeUri(uri: string): Wfn {
  if (!uri.toLowerCase().startsWith('cpe:/')) bad('URI', uri)
  const parts = uri.slice(5).split(':')
  if (parts.length > 7) bad('URI', uri)
  while (parts.length < 7) parts.push('')
  const w = {} as Wfn
  for (const a of CPE_ATTRIBUTES) w[a] = ANY
  const order = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'] as const
  order.forEach((a, i) => {
    const s = parts[i]!
    if (a === 'edition' && s.startsWith('~')) {
      const packed = s.split('~')
      if (packed.length !== 6) bad('packed edition', s)
      w.edition = unbindUriField(packed[1]!)
      w.sw_edition = unbindUriField(packed[2]!)
      w.target_sw = unbindUriField(packed[3]!)
      w.target_hw = unbindUriField(packed[4]!)
      w.other = unbindUriField(packed[5]!)
    } else w[a] = unbindUriField(s)
  })
  return w
}

function bindUriValue(v: CpeValue): string {
  if (v.kind === 'ANY') return ''
  if (v.kind === 'NA') return '-'
  let out = ''
  const s = v.value
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '\\') {
      const q = s[++i]!
      if (q === '.' || q === '-' || q === '~') out += q === '~' ? '%7e' : q
      else out += '%' + q.charCodeAt(0).toString(16).padStart(2, '0')
    } else if (c === '?') out += '%01'
    else if (c === '*') out += '%02'
    else out += c
  }
  return out
}

/**
 * Bind a WFN to a CPE URI, packing the extended attributes into the edition when any
 * is set (§6.1.2).
 *
 * @param w the WFN
 * @returns `cpe:/…` with trailing empty components removed
 * @example
 * ```ts
 * import { formatCpeUri, parseCpeFormattedString } from '@stowaway/match'
 * formatCpeUri(parseCpeFormattedString('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*')) // 'cpe:/a:microsoft:internet_explorer:8.0.6001:beta'
 * ```
 */
export function formatCpeUri(w: Wfn): string {
  const ext = [w.sw_edition, w.target_sw, w.target_hw, w.other]
  const edition = ext.every((v) => v.kind === 'ANY') ? bindUriValue(w.edition) : '~' + [w.edition, ...ext].map(bindUriValue).join('~')
  const parts = [w.part, w.vendor, w.product, w.version, w.update].map(bindUriValue)
  parts.push(edition, bindUriValue(w.language))
  while (parts.length && parts[parts.length - 1] === '') parts.pop()
  return 'cpe:/' + parts.join(':')
}

/** NISTIR 7696 attribute comparison relations. */
export type CpeRelation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED'

function hasWildcard(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++
    else if (s[i] === '*' || s[i] === '?') return true
  }
  return false
}

// A WFN string with wildcards → RegExp over WFN strings (quoted chars literal).
function wildcardRegExp(s: string): RegExp {
  let re = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '\\') re += (s[++i] ?? '').replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&').replace(/^/, '\\\\')
    else if (c === '*') re += '(?:\\\\.|[^\\\\])*'
    else if (c === '?') re += '(?:\\\\.|[^\\\\])'
    else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
  }
  return new RegExp(`^${re}$`, 'i')
}

/**
 * Compare one attribute of a source and a target name (NISTIR 7696 §6.1 table 6-2).
 *
 * @param source attribute of the source (e.g. the NVD configuration)
 * @param target attribute of the target (e.g. the installed product)
 * @returns the relation
 * @example
 * ```ts
 * import { compareCpeValues } from '@stowaway/match'
 * compareCpeValues({ kind: 'ANY' }, { kind: 'value', value: 'x' }) // 'SUPERSET'
 * ```
 */
export function compareCpeValues(source: CpeValue, target: CpeValue): CpeRelation {
  if (target.kind === 'value' && hasWildcard(target.value)) {
    if (source.kind === 'ANY') return 'SUPERSET'
    return 'UNDEFINED'
  }
  if (source.kind === 'ANY') return target.kind === 'ANY' ? 'EQUAL' : 'SUPERSET'
  if (source.kind === 'NA') return target.kind === 'NA' ? 'EQUAL' : target.kind === 'ANY' ? 'SUBSET' : 'DISJOINT'
  if (target.kind === 'ANY') return 'SUBSET'
  if (target.kind === 'NA') return 'DISJOINT'
  if (hasWildcard(source.value)) return wildcardRegExp(source.value).test(target.value) ? 'SUPERSET' : 'DISJOINT'
  return source.value.toLowerCase() === target.value.toLowerCase() ? 'EQUAL' : 'DISJOINT'
}

/**
 * Name matching per NISTIR 7696: relations of all eleven attributes.
 *
 * @param source source name (configuration)
 * @param target target name (product)
 * @returns per-attribute relations
 * @example
 * ```ts
 * import { compareCpe, parseCpeFormattedString } from '@stowaway/match'
 * compareCpe(parseCpeFormattedString('cpe:2.3:a:*:*:*:*:*:*:*:*:*:*'), parseCpeFormattedString('cpe:2.3:a:x:y:1:*:*:*:*:*:*:*')).vendor // 'SUPERSET'
 * ```
 */
export function compareCpe(source: Wfn, target: Wfn): Record<(typeof CPE_ATTRIBUTES)[number], CpeRelation> {
  const out = {} as Record<(typeof CPE_ATTRIBUTES)[number], CpeRelation>
  for (const a of CPE_ATTRIBUTES) out[a] = compareCpeValues(source[a], target[a])
  return out
}

/**
 * `CPE_SUPERSET(source, target)` of NISTIR 7696: true when every attribute relation is
 * SUPERSET or EQUAL — the test a vulnerable-configuration CPE passes for an installed
 * product it covers.
 *
 * @param source configuration name (formatted string, URI or WFN)
 * @param target product name
 * @returns whether the source covers the target
 * @example
 * ```ts
 * import { cpeMatches } from '@stowaway/match'
 * cpeMatches('cpe:2.3:a:openssl:openssl:1.0.1*:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*') // true
 * ```
 */
export function cpeMatches(source: string | Wfn, target: string | Wfn): boolean {
  const s = typeof source === 'string' ? parseCpe(source) : source
  const t = typeof target === 'string' ? parseCpe(target) : target
  return Object.values(compareCpe(s, t)).every((r) => r === 'SUPERSET' || r === 'EQUAL')
}

/**
 * Parse either binding.
 *
 * @param name `cpe:2.3:…` or `cpe:/…`
 * @returns the WFN
 * @example
 * ```ts
 * import { parseCpe } from '@stowaway/match'
 * parseCpe('cpe:/a:apache:log4j:2.14.1').version // { kind: 'value', value: '2\\.14\\.1' }
 * ```
 */
export function parseCpe(name: string): Wfn {
  return name.toLowerCase().startsWith('cpe:2.3:') ? parseCpeFormattedString(name) : parseCpeUri(name)
}
