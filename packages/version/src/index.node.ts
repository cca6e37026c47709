import { readFile } from 'node:fs/promises'
import { setDefaultWasmSource } from './active-backend.ts'
import { WASM_URL } from './index.ts'

export * from './index.ts'

// Node's fetch refuses file: URLs, so the Node entry reads the module from disk.
setDefaultWasmSource(async () => new Uint8Array(await readFile(WASM_URL)))
