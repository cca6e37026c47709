// Runs in real Deno (`deno test -A test/deno/`): the whole pipeline through the
// packages' public entries, resolved as npm packages from node_modules — pull from a
// loopback OCI registry (Deno.serve) over fetch, extract, catalog, match against a DB
// compiled in Deno from real advisories. The findings must equal what the Node CLI
// (`stowaway scan sbom:…`) reports for the same inventory and DB.
import { pullImage, tarHeader, tarPadding, TAR_END } from '@stowaway/pull'
import { scanToInventory, writeCycloneDx } from '@stowaway/sbom'
import { AdvisoryDb, buildDb, ingestTree, matchInventory } from '@stowaway/match'
import { getVersionBackend, initVersionCore } from '@stowaway/version'

const repo = new URL('../../', import.meta.url).pathname
const shared = Deno.env.get('STOWAWAY_SHARED') ?? new URL('../../../shared', import.meta.url).pathname
const rootfsDir = `${shared}/images/alpinelinux__docker-alpine/v3.9/x86_64`
const osv = `${shared}/data/osv`
const present = (() => {
  try {
    return Deno.statSync(rootfsDir).isDirectory && Deno.statSync(osv).isDirectory
  } catch {
    return false
  }
})()
if (!present && Deno.env.get('STOWAWAY_REQUIRE_SHARED') === '1') throw new Error(`Cannot find shared data under "${shared}" and STOWAWAY_REQUIRE_SHARED=1`)

function assertEquals(actual: unknown, expected: unknown, msg = '') {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${msg} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

async function sha256(b: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', b))
  return 'sha256:' + Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('')
}

async function gunzip(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
}

async function gzip(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([b]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer())
}

// An app layer with npm packages at versions real advisories name.
const APP_PACKAGES: [string, string][] = [['lodash', '4.17.11'], ['minimist', '1.2.5'], ['express', '4.17.1'], ['left-pad', '1.3.0']]
function appLayer(): Uint8Array {
  const parts: Uint8Array[] = []
  for (const [name, version] of APP_PACKAGES) {
    const body = new TextEncoder().encode(JSON.stringify({ name, version, license: 'MIT' }))
    parts.push(tarHeader({ name: `app/node_modules/${name}/package.json`, type: '0', size: body.length, mode: 0o644, uid: 0, gid: 0, mtime: 0 }), body, tarPadding(body.length))
  }
  parts.push(TAR_END)
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

// A minimal OCI distribution registry (GET/HEAD of /v2/, manifests and blobs).
function serveRegistry(blobs: Map<string, { type: string; bytes: Uint8Array }>, manifestDigest: string, log: string[]) {
  return Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname
    log.push(`${req.method} ${path}`)
    if (path === '/v2/') return new Response('{}', { headers: { 'content-type': 'application/json' } })
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(path)
    if (!m || m[1] !== 'stowaway/app') return new Response('{"errors":[{"code":"NAME_UNKNOWN"}]}', { status: 404 })
    const digest = m[2] === 'manifests' && m[3] === '1.0' ? manifestDigest : m[3]!
    const blob = blobs.get(digest)
    if (!blob) return new Response('{"errors":[{"code":"BLOB_UNKNOWN"}]}', { status: 404 })
    const headers = { 'content-type': blob.type, 'content-length': String(blob.bytes.length), 'docker-content-digest': digest }
    return new Response(req.method === 'HEAD' ? null : blob.bytes, { headers })
  })
}

Deno.test({
  name: 'pull from a loopback registry, extract, SBOM and match in Deno; findings equal the Node CLI',
  ignore: !present,
  fn: async () => {
    const rootfsName = [...Deno.readDirSync(rootfsDir)].find((e) => e.name.endsWith('.tar.gz'))!.name
    const base = await Deno.readFile(`${rootfsDir}/${rootfsName}`)
    const appTar = appLayer()
    const app = await gzip(appTar)
    const layers = [
      { bytes: base, diffId: await sha256(await gunzip(base)) },
      { bytes: app, diffId: await sha256(appTar) },
    ]
    const blobs = new Map<string, { type: string; bytes: Uint8Array }>()
    const layerDescs = []
    for (const l of layers) {
      const digest = await sha256(l.bytes)
      blobs.set(digest, { type: 'application/octet-stream', bytes: l.bytes })
      layerDescs.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size: l.bytes.length })
    }
    const config = new TextEncoder().encode(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } }))
    const configDigest = await sha256(config)
    blobs.set(configDigest, { type: 'application/vnd.oci.image.config.v1+json', bytes: config })
    const manifest = new TextEncoder().encode(
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: layerDescs }),
    )
    const manifestDigest = await sha256(manifest)
    blobs.set(manifestDigest, { type: 'application/vnd.oci.image.manifest.v1+json', bytes: manifest })

    const log: string[] = []
    const server = serveRegistry(blobs, manifestDigest, log)
    const tmp = await Deno.makeTempDir({ prefix: 'stowaway-deno-' })
    try {
      await initVersionCore()
      assertEquals(getVersionBackend().kind, 'wasm', 'backend')
      const image = await pullImage(`127.0.0.1:${server.addr.port}/stowaway/app:1.0`, { plainHttp: true, fetch: globalThis.fetch })
      assertEquals(image.manifestDigest, manifestDigest, 'manifest digest')
      const inv = await scanToInventory(image)
      assertEquals(inv.distro?.id, 'alpine', 'distro')
      const npm = inv.packages.filter((p: { type: string }) => p.type === 'npm').map((p: { name: string; version: string }) => `${p.name}@${p.version}`).sort()
      assertEquals(npm, APP_PACKAGES.map(([n, v]) => `${n}@${v}`).sort(), 'npm packages from the app layer')
      const apk = Deno.readTextFileSync(`${rootfsDir}/packages.derived.txt`).split('\n').filter((l) => l && !l.startsWith('#')).length
      assertEquals(inv.packages.filter((p: { type: string }) => p.type === 'apk').length, apk, 'apk packages from the base layer')
      assertEquals(log.filter((l) => l.includes('/blobs/')).length, 3, 'config + two layers fetched')

      // DB compiled in Deno from real feeds through a Deno file-system adapter.
      const fs = {
        isDirectory: async (p: string) => (await Deno.stat(p)).isDirectory,
        list: async (p: string) => [...Deno.readDirSync(p)].map((e) => ({ name: e.name, dir: e.isDirectory })),
        read: (p: string) => Deno.readFile(p),
      }
      const { advisories } = await ingestTree(fs, [`${osv}/alpinelinux__alpine-secdb/v3.9`, `${osv}/github__advisory-database`, `${osv}/nodejs__security-wg`])
      const built = await buildDb(advisories, { sources: [] })
      const db = await AdvisoryDb.open(async (n: string) => built.files.get(n)!)
      const { findings } = await matchInventory(inv, db)
      const ids = findings.map((f: { id: string; package: { name: string } }) => `${f.package.name} ${f.id}`)
      console.log(`[deno pipeline] ${inv.packages.length} packages, ${findings.length} findings: ${ids.join(", ")}`)
      // GHSA-jf85-cpcp-j695 (CVE-2019-10744): lodash < 4.17.12 — a fact of the advisory record.
      if (!ids.includes('lodash GHSA-jf85-cpcp-j695')) throw new Error(`lodash 4.17.11 should match GHSA-jf85-cpcp-j695; got ${ids.join(', ')}`)

      // The Node CLI on the same inventory (as CycloneDX) and the same DB files.
      await Deno.mkdir(`${tmp}/db`)
      for (const [n, b] of built.files) await Deno.writeFile(`${tmp}/db/${n}`, b)
      await Deno.writeTextFile(`${tmp}/sbom.cdx.json`, writeCycloneDx(inv, { timestamp: '2026-01-01T00:00:00Z' }))
      const out = await new Deno.Command('node', { args: [`${repo}packages/stowaway/bin/stowaway.js`, 'scan', '--db', `${tmp}/db`, '--format', 'json', `sbom:${tmp}/sbom.cdx.json`], stdout: 'piped', stderr: 'piped' }).output()
      assertEquals(out.code, 0, new TextDecoder().decode(out.stderr))
      const cli = JSON.parse(new TextDecoder().decode(out.stdout)) as { findings: { id: string; package: { name: string } }[] }
      assertEquals(ids, cli.findings.map((f) => `${f.package.name} ${f.id}`), 'Deno findings vs Node CLI findings')
    } finally {
      await server.shutdown()
      await Deno.remove(tmp, { recursive: true })
    }
  },
})
