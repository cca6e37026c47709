// Runs in real Deno: the browser page's check path (packages/web: checkSbom over
// cachedDbReader) against a DB served over HTTP by Deno.serve, with Deno's own Cache
// API, on a real SBOM. Findings must equal the Node CLI's on the same DB and file, and
// the second check must read its shard from the cache.
import { buildDb, ingestTree } from '@stowaway/match'
import { initVersionCore } from '@stowaway/version'
import { cachedDbReader, checkSbom, formatReport } from '../../packages/web/src/index.ts'
import type { ShardUse } from '../../packages/web/src/index.ts'

const repo = new URL('../../', import.meta.url).pathname
const shared = Deno.env.get('STOWAWAY_SHARED') ?? new URL('../../../shared', import.meta.url).pathname
const sbom = `${shared}/data/sboms/CycloneDX__bom-examples/SBOM/juice-shop/v11.1.2/bom.json`
const feed = `${shared}/data/osv/github__advisory-database`
const present = (() => {
  try {
    return Deno.statSync(sbom).isFile && Deno.statSync(feed).isDirectory
  } catch {
    return false
  }
})()

Deno.test({
  name: 'the web check (checkSbom + cachedDbReader) runs in Deno over HTTP with the Cache API and equals the Node CLI',
  ignore: !present,
  fn: async () => {
    const fs = {
      isDirectory: async (p: string) => (await Deno.stat(p)).isDirectory,
      list: async (p: string) => [...Deno.readDirSync(p)].map((e) => ({ name: e.name, dir: e.isDirectory })),
      read: (p: string) => Deno.readFile(p),
    }
    const built = await buildDb((await ingestTree(fs, [feed])).advisories, { sources: [] })
    const served: string[] = []
    const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, (req) => {
      const name = new URL(req.url).pathname.replace(/^\/db\//, '')
      served.push(name)
      const b = built.files.get(name)
      return b ? new Response(b) : new Response('not found', { status: 404 })
    })
    const tmp = await Deno.makeTempDir({ prefix: 'stowaway-deno-web-' })
    const cacheName = `stowaway-test-${crypto.randomUUID()}`
    try {
      await initVersionCore()
      const text = await Deno.readTextFile(sbom)
      const base = `http://127.0.0.1:${server.addr.port}/db/`
      const run = async () => {
        const shards: ShardUse[] = []
        const r = await checkSbom(text, { name: 'bom.json', read: cachedDbReader(base, { cacheName, onShard: (s) => shards.push(s) }), shards })
        return { r, shards }
      }
      const first = await run()
      const second = await run()
      if (first.r.findings.length < 10) throw new Error(`expected findings, got ${first.r.findings.length}`)
      if (JSON.stringify(first.shards.map((s) => [s.file, s.cached])) !== JSON.stringify([['npm.swdb', false]])) throw new Error(`first run shards ${JSON.stringify(first.shards)}`)
      if (JSON.stringify(second.shards.map((s) => [s.file, s.cached])) !== JSON.stringify([['npm.swdb', true]])) throw new Error(`second run shards ${JSON.stringify(second.shards)}`)
      if (JSON.stringify(served) !== JSON.stringify(['manifest.json', 'npm.swdb', 'manifest.json'])) throw new Error(`served ${JSON.stringify(served)}`)

      await Deno.mkdir(`${tmp}/db`)
      for (const [n, b] of built.files) await Deno.writeFile(`${tmp}/db/${n}`, b)
      const out = await new Deno.Command('node', { args: [`${repo}packages/stowaway/bin/stowaway.js`, 'scan', '--db', `${tmp}/db`, '--format', 'json', `sbom:${sbom}`], stdout: 'piped', stderr: 'piped' }).output()
      if (out.code !== 0) throw new Error(new TextDecoder().decode(out.stderr))
      type R = { findings: { id: string; package: { name: string; version: string }; severity: string }[] }
      const key = (r: R) => r.findings.map((f) => `${f.package.name}@${f.package.version} ${f.id} ${f.severity}`)
      const cli = key(JSON.parse(new TextDecoder().decode(out.stdout)) as R)
      const web = key(JSON.parse(formatReport(second.r.report, 'json')) as R)
      if (JSON.stringify(web) !== JSON.stringify(cli)) throw new Error(`web ${web.length} findings vs CLI ${cli.length}`)
    } finally {
      await caches.delete(cacheName)
      await server.shutdown()
      await Deno.remove(tmp, { recursive: true })
    }
  },
})
