import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { createWasmBackend } from './backend.ts'
import { instantiateCore, instantiateCoreSync } from './instantiate.ts'
import { Scheme } from '../scheme.ts'
import { getVersionBackend, initVersionCore, useVersionBackend } from '../active-backend.ts'
import { referenceBackend } from '../reference/backend.ts'
import '../index.node.ts'

const bytes = new Uint8Array(await readFile(new URL('../../wasm/stowaway-version.wasm', import.meta.url)))
const works = (core: Awaited<ReturnType<typeof instantiateCore>>) =>
  expect(createWasmBackend(core).compare(Scheme.Dpkg, '1.0~rc1', '1.0')).toBe(-1)

describe('version core loader', () => {
  let base = ''
  const server = createServer((req, res) => {
    if (req.url === '/core.wasm') {
      res.writeHead(200, { 'content-type': 'application/wasm' })
      res.end(bytes)
    } else if (req.url === '/octet.wasm') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(bytes)
    } else if (req.url === '/garbage.wasm') {
      res.writeHead(200, { 'content-type': 'application/wasm' })
      res.end('not wasm at all')
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('accepts bytes, an ArrayBuffer and a compiled module', async () => {
    works(await instantiateCore(bytes))
    works(await instantiateCore(bytes.slice().buffer))
    works(await instantiateCore(await WebAssembly.compile(bytes)))
  })

  it('accepts a Response, a promise of one, a URL and a URL string', async () => {
    works(await instantiateCore(new Response(bytes, { headers: { 'content-type': 'application/wasm' } })))
    works(await instantiateCore(fetch(`${base}/core.wasm`)))
    works(await instantiateCore(new URL(`${base}/core.wasm`)))
    works(await instantiateCore(`${base}/octet.wasm`))
  })

  it('has a synchronous form for modules and bytes', () => {
    works(instantiateCoreSync(bytes))
    works(instantiateCoreSync(new WebAssembly.Module(bytes)))
  })

  it('fails with WASM_LOAD on HTTP errors and invalid modules', async () => {
    await expect(instantiateCore(`${base}/missing.wasm`)).rejects.toMatchObject({ code: 'WASM_LOAD' })
    await expect(instantiateCore(`${base}/garbage.wasm`)).rejects.toBeInstanceOf(StowawayError)
    expect(() => instantiateCoreSync(new Uint8Array([1, 2, 3]))).toThrow(StowawayError)
  })

  it('initVersionCore loads the default module once and switches the active backend', async () => {
    useVersionBackend(referenceBackend)
    const a = initVersionCore()
    const b = initVersionCore()
    expect(a).toBe(b)
    const backend = await a
    expect(backend.kind).toBe('wasm')
    expect(getVersionBackend()).toBe(backend)
    useVersionBackend(referenceBackend)
  })

  it('valid() survives memory growth inside the call', () => {
    const backend = createWasmBackend(instantiateCoreSync(bytes))
    // A long Composer version makes the scheme grow its scratch memory during validBatch.
    const long = '1.' + '0'.repeat(200_000)
    expect(backend.valid(Scheme.Composer, long)).toBe(referenceBackend.valid(Scheme.Composer, long))
    expect(backend.valid(Scheme.Dpkg, '1.0')).toBe(true)
  })

  it('re-reads memory after growth: a batch larger than the initial memory works', () => {
    const backend = createWasmBackend(instantiateCoreSync(bytes))
    const n = 200_000
    const a = Array.from({ length: n }, (_, i) => `${i}.0-${i % 9}`)
    const b = Array.from({ length: n }, (_, i) => `${i}.0-${(i + 1) % 9}`)
    const r = backend.compareMany(Scheme.Dpkg, a, b)
    expect(r.length).toBe(n)
    for (let i = 0; i < n; i += 997) expect(r[i]).toBe(referenceBackend.compare(Scheme.Dpkg, a[i]!, b[i]!))
  })
})
