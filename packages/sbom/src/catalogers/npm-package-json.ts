import type { Package } from '@stowaway/core'
import type { Cataloger } from '../cataloger.ts'
import { npmLicenses, npmPackage, parseJsonObject } from './npm-package.ts'

/**
 * Installed npm packages: every `node_modules/<name>/package.json` and
 * `node_modules/@scope/<name>/package.json`, at any depth. A package.json that is not
 * JSON is a warning; one without a name or version (a fixture, a workspace stub) is
 * skipped.
 *
 * @example
 * ```ts
 * import { npmPackageJsonCataloger } from '@stowaway/sbom'
 * npmPackageJsonCataloger.patterns // ['**\/node_modules/*\/package.json', '**\/node_modules/@*\/*\/package.json']
 * ```
 */
export const npmPackageJsonCataloger: Cataloger = {
  name: 'npm-package-json',
  patterns: ['**/node_modules/*/package.json', '**/node_modules/@*/*/package.json'],
  maxFileBytes: 4 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    const paths = new Set([...ctx.tree.glob('**/node_modules/*/package.json'), ...ctx.tree.glob('**/node_modules/@*/*/package.json')])
    for (const path of [...paths].sort()) {
      const f = ctx.tree.get(path)
      if (!f) continue
      const json = parseJsonObject(f.bytes)
      if (!json) {
        ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not a JSON object`, path, layer: f.layer })
        continue
      }
      const { name, version } = json
      if (typeof name !== 'string' || !name || typeof version !== 'string' || !version) continue
      const metadata: Record<string, unknown> = {}
      if (typeof json.author === 'string') metadata.author = json.author
      else if (json.author && typeof (json.author as { name?: unknown }).name === 'string') metadata.author = (json.author as { name: string }).name
      if (typeof json.homepage === 'string') metadata.homepage = json.homepage
      out.push(npmPackage(name, version, f, { licenses: npmLicenses(json), metadata }))
    }
    return out
  },
}
