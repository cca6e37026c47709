// Runs in real Deno against the built packages: a real Alpine minirootfs layer goes
// through extract (Web Streams untar, DecompressionStream gzip) and the catalogers, and
// the apk list equals the installed db's records (packages.derived.txt).
import { extractFiles } from '../../packages/extract/dist/index.js'
import { catalogFiles, catalogRequest, readSbom, writeCycloneDx } from '../../packages/sbom/dist/index.js'

const shared = Deno.env.get('STOWAWAY_SHARED') ?? new URL('../../../shared', import.meta.url).pathname
const dir = `${shared}/images/alpinelinux__docker-alpine/v3.20/x86_64`
const present = (() => {
  try {
    return Deno.statSync(dir).isDirectory
  } catch {
    return false
  }
})()

function assertEquals(actual: unknown, expected: unknown, msg = '') {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${msg} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

Deno.test({ name: 'extract + apk cataloger run in Deno on a real Alpine layer', ignore: !present, fn: async () => {
  const tarball = [...Deno.readDirSync(dir)].find((e) => e.name.endsWith('.tar.gz'))!.name
  const file = await Deno.open(`${dir}/${tarball}`)
  const layer = { descriptor: { digest: 'sha256:rootfs', mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 0 }, index: 0, body: file.readable }
  const inv = await catalogFiles(await extractFiles([layer], catalogRequest()))
  const want = Deno.readTextFileSync(`${dir}/packages.derived.txt`).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t').slice(0, 2).join('@')).sort()
  assertEquals(inv.packages.filter((p: any) => p.type === 'apk').map((p: any) => `${p.name}@${p.version}`).sort(), want, 'apk list')
  assertEquals(inv.distro.id, 'alpine', 'distro')
  const back = readSbom(writeCycloneDx(inv, { timestamp: '2026-01-01T00:00:00Z' }))
  assertEquals(back.packages.length, inv.packages.length, 'round trip')
} })
