// Test support: both backends, so one suite runs against each.
import { readFile } from 'node:fs/promises'
import type { VersionBackend } from '../backend.ts'
import { referenceBackend } from '../reference/backend.ts'
import { createWasmBackend } from '../wasm/backend.ts'
import { instantiateCore } from '../wasm/instantiate.ts'

const wasmPath = new URL('../../wasm/stowaway-version.wasm', import.meta.url)

/** The WASM backend built from `assembly/` (run `npm run build:wasm` first). */
export const wasmBackend: VersionBackend = createWasmBackend(await instantiateCore(new Uint8Array(await readFile(wasmPath))))

/** Both backends, for `describe.each`. */
export const BACKENDS: readonly VersionBackend[] = [referenceBackend, wasmBackend]
