// Builds a large CycloneDX 1.5 SBOM from real package names and versions: npm
// components of juice-shop's published SBOM, Go modules and PyPI projects with the
// versions their advisories list (so some match and most do not). Deterministic: the
// same shared data gives the same document. Used by test/browser and bench/browser
// (plain JS so the bench runs on Node without a build step).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** @param {string} sboms */
function* npm(sboms) {
  const doc = JSON.parse(readFileSync(join(sboms, 'CycloneDX__bom-examples/SBOM/juice-shop/v11.1.2/bom.json'), 'utf8'))
  for (const c of doc.components) if (c.purl) yield { type: 'library', name: c.group ? `${c.group}/${c.name}` : c.name, version: c.version, purl: c.purl, 'bom-ref': c.purl }
}

/** @param {string} osv */
function* go(osv) {
  const dir = join(osv, 'golang__vulndb/data/osv')
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue
    const rec = JSON.parse(readFileSync(join(dir, f), 'utf8'))
    for (const a of rec.affected ?? []) {
      if (a.package.name === 'stdlib' || a.package.name === 'toolchain') continue
      for (const r of a.ranges ?? []) {
        for (const e of r.events) {
          const v = e.introduced ?? e.fixed
          if (!v || v === '0') continue
          const purl = `pkg:golang/${a.package.name}@v${v}`
          yield { type: 'library', name: a.package.name, version: `v${v}`, purl, 'bom-ref': purl }
        }
      }
    }
  }
}

/** @param {string} osv */
function* pypi(osv) {
  const dir = join(osv, 'pypa__advisory-database/vulns')
  for (const name of readdirSync(dir).sort()) {
    let files
    try {
      files = readdirSync(join(dir, name)).filter((f) => f.endsWith('.yaml')).sort()
    } catch {
      continue
    }
    for (const f of files.slice(0, 1)) {
      // Only the `versions:` list is needed; its items are `  - <version>` lines.
      const lines = readFileSync(join(dir, name, f), 'utf8').split('\n')
      const start = lines.findIndex((l) => /^\s*versions:\s*$/.test(l))
      if (start < 0) continue
      for (const l of lines.slice(start + 1)) {
        const m = /^\s*- (\S+)\s*$/.exec(l)
        if (!m) break
        const purl = `pkg:pypi/${name}@${m[1]}`
        yield { type: 'library', name, version: m[1], purl, 'bom-ref': purl }
      }
    }
  }
}

/**
 * A CycloneDX 1.5 JSON SBOM of `count` unique components (npm, Go, PyPI round-robin,
 * plus a few without purl so the page lists unmatched components).
 *
 * @param {number} count components wanted
 * @param {string} sharedData the shared `data/` directory
 * @returns {object} the document
 */
export function generateSbom(count, sharedData) {
  const sources = [npm(join(sharedData, 'sboms')), go(join(sharedData, 'osv')), pypi(join(sharedData, 'osv'))]
  const seen = new Set()
  const components = []
  const noPurl = Math.min(25, Math.floor(count / 100))
  let live = sources.length
  while (components.length < count - noPurl && live > 0) {
    live = 0
    for (const s of sources) {
      const n = s.next()
      if (n.done) continue
      live++
      if (seen.has(n.value['bom-ref'])) continue
      seen.add(n.value['bom-ref'])
      components.push(n.value)
      if (components.length >= count - noPurl) break
    }
  }
  for (let i = 0; i < noPurl && i < components.length; i++) {
    const c = components[i * 3]
    components.push({ type: 'library', name: c.name, version: c.version, 'bom-ref': `no-purl-${i}` })
  }
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'application', name: `generated-${components.length}`, version: '1', 'bom-ref': 'root' } },
    components,
  }
}
