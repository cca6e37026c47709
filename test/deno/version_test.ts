// Runs in real Deno (`deno test -A test/deno/` picks up `*_test.ts`): the built web entry of
// @stowaway/version loads its WASM through fetch(file:) and orders versions exactly as
// the TypeScript reference does.
import { compareVersions, getVersionBackend, initVersionCore, referenceBackend, satisfies, Scheme } from '../../packages/version/dist/index.js'

function assertEquals(actual: unknown, expected: unknown, msg = '') {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${msg} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

Deno.test('WASM version core loads in Deno and matches the reference', async () => {
  await initVersionCore()
  assertEquals(getVersionBackend().kind, 'wasm')
  assertEquals(compareVersions('Debian:12', '1.2.3-1~deb12u1', '1.2.3-1'), -1)
  const a = ['1.0', '1:0.1', '2.0~rc1', '1.0-1']
  const b = ['1.0-0', '2.0', '2.0', '1.0-1~bpo1']
  const wasm = Array.from(getVersionBackend().compareMany(Scheme.Dpkg, a, b))
  const ts = Array.from(referenceBackend.compareMany(Scheme.Dpkg, a, b))
  assertEquals(wasm, ts, 'bulk compare')
  assertEquals(satisfies('Debian:12', '1.0-1', { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }), true)
})
