// Runs in real Deno (started by deno.test.ts): the browser-safe build of @stowaway/pull
// (dist/index.js, Deno's own fetch, @noble/hashes) pulls from a real token-auth registry
// and reads an OCI layout through an in-memory FileAccess. Prints one JSON line.
declare const Deno: any

const env = (k: string) => Deno.env.get(k) as string
const dist = new URL('../../packages/pull/dist/index.js', import.meta.url).href
const { pullImage, memoryFiles } = await import(dist)

const drain = async (image: any) => {
  const sizes: number[] = []
  for await (const blob of image.blobs()) {
    let n = 0
    const reader = blob.body.getReader()
    for (;;) {
      const r = await reader.read()
      if (r.done) break
      n += r.value.byteLength
    }
    sizes.push(n)
  }
  return sizes
}

const registry = await pullImage(`${env('REGISTRY')}/fixtures/debian-app:latest`, {
  auth: { username: env('REG_USER'), password: env('REG_PASS') },
})
const registrySizes = await drain(registry)

const layout = env('LAYOUT')
const files = new Map<string, Uint8Array>()
const walk = (dir: string, rel: string) => {
  for (const e of Deno.readDirSync(dir)) {
    if (e.isDirectory) walk(`${dir}/${e.name}`, `${rel}/${e.name}`)
    // Layer blobs stay on disk: the layout test reads manifests and config only.
    else if (e.name.length !== 64 || Deno.statSync(`${dir}/${e.name}`).size < 4 * 1024 * 1024) files.set(`${rel}/${e.name}`, Deno.readFileSync(`${dir}/${e.name}`))
  }
}
walk(layout, 'layout')
const local = await pullImage('oci:layout:latest', { files: memoryFiles(files) })

console.log(
  JSON.stringify({
    registry: { manifestDigest: registry.manifestDigest, sizes: registrySizes },
    layout: { manifestDigest: local.manifestDigest, layers: local.layers.map((l: any) => l.digest) },
  }),
)
