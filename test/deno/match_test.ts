// Runs in real Deno: the built browser entry of @stowaway/match ingests the shipped
// example advisories, compiles the DB with Web APIs only (CompressionStream,
// crypto.subtle), serves it back through fetch(file:), and matches a package — the
// path a browser page takes with a DB on a CDN.
import { buildDb, ingestDocument, matchInventory, openDbUrl } from '../../packages/match/dist/index.js'
import { initVersionCore } from '../../packages/version/dist/index.js'

function assertEquals(actual: unknown, expected: unknown, msg = '') {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${msg} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

Deno.test('match stage builds, loads and matches with Web APIs only', async () => {
  await initVersionCore()
  const dir = new URL('../../examples/advisories/pypa/setuptools/', import.meta.url)
  const advisories = []
  for await (const e of Deno.readDir(dir)) {
    const r = await ingestDocument(e.name, await Deno.readFile(new URL(e.name, dir)))
    advisories.push(...r.advisories)
  }
  const built = await buildDb(advisories, { sources: [] })
  const out = await Deno.makeTempDir()
  for (const [name, bytes] of built.files) await Deno.writeFile(`${out}/${name}`, bytes)
  const db = await openDbUrl(new URL(`file://${out}/`))
  const { findings } = await matchInventory({ packages: [{ name: 'setuptools', version: '51.3.3', type: 'pypi', purl: 'pkg:pypi/setuptools@51.3.3' }], warnings: [] }, db)
  assertEquals(findings.map((f) => [f.id, f.fixedVersions]), [['PYSEC-2022-43012', ['65.5.1']]])
})
