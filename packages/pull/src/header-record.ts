/**
 * Request headers as a plain record with lower-case names, from any `HeadersInit` (a
 * record, `[name, value]` pairs or a `Headers` object). Duck-typed on purpose: in Node even
 * naming the global `Headers` loads the runtime's whole Fetch implementation.
 *
 * @param init headers as `fetch` accepts them
 * @returns a fresh record; repeated names are joined with `, ` as `Headers` does
 * @example
 * ```ts
 * import { headerRecord } from '@stowaway/pull'
 * headerRecord({ Accept: 'a', 'X-One': '1' }) // { accept: 'a', 'x-one': '1' }
 * ```
 */
export function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  const add = (name: string, value: string) => {
    const k = name.toLowerCase()
    const v = String(value).trim()
    out[k] = k in out ? `${out[k]}, ${v}` : v
  }
  if (!init) return out
  if (Array.isArray(init)) {
    for (const [k, v] of init) add(k!, v!)
  } else if (typeof (init as { forEach?: unknown }).forEach === 'function') {
    ;(init as Headers).forEach((v, k) => add(k, v))
  } else {
    for (const [k, v] of Object.entries(init as Record<string, string>)) add(k, v)
  }
  return out
}
