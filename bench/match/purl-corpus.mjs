// Purls for the purl bench and the differential test of purlToTarget: every purl-looking
// string in a folder of SBOMs (JSON values; the raw text of other formats).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * @param {string} dir folder of SBOMs (read recursively)
 * @returns {string[]} the distinct purls, in the order first met
 */
export function sbomPurls(dir) {
  const out = new Set()
  const walk = (v) => {
    if (typeof v === 'string') {
      if (v.includes('pkg:')) out.add(v)
    } else if (Array.isArray(v)) for (const x of v) walk(x)
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x)
  }
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue
    const text = readFileSync(join(f.parentPath, f.name), 'utf8')
    if (f.name.endsWith('.json')) {
      try {
        walk(JSON.parse(text))
        continue
      } catch {
        // JSON lines, snapshots: read as text
      }
    }
    for (const m of text.matchAll(/pkg:[^\s"'<>]*/g)) out.add(m[0])
  }
  return [...out]
}
