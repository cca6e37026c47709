/**
 * License names declared in a Debian `copyright` file: the `License:` fields of a
 * machine-readable (DEP-5) file, plus references to `/usr/share/common-licenses/<name>`
 * in free-form files. Names are kept as written (`GPL-2+`, `BSD-3-clause`).
 *
 * @param text the copyright file
 * @returns distinct license names in order of appearance
 * @example
 * ```ts
 * import { parseDebianCopyright } from '@stowaway/sbom'
 * parseDebianCopyright('Files: *\nLicense: GPL-2+\n') // ['GPL-2+']
 * ```
 */
export function parseDebianCopyright(text: string): string[] {
  const seen = new Set<string>()
  for (const m of text.matchAll(/^License:[ \t]*([^\n]+)$/gim)) {
    const v = m[1]!.trim()
    // A DEP-5 License field may be "A or B" / "A and B" expressions; keep them whole.
    if (v && v.length < 200) seen.add(v)
  }
  if (!seen.size) {
    for (const m of text.matchAll(/\/usr\/share\/common-licenses\/([A-Za-z0-9.+_-]+)/g)) {
      const v = m[1]!.replace(/\.$/, '')
      if (v) seen.add(v)
    }
  }
  return [...seen]
}
