import { readFile } from 'node:fs/promises'
import { WASM_URL, createWasmBackend, initVersionCore, instantiateCore } from '@stowaway/version'
import type { VersionBackend } from '@stowaway/version'

let cached: Promise<VersionBackend> | undefined

/**
 * A WASM backend that carries its raw core, so `matchInventory` takes the bulk path:
 * the active backend when it already does, else one built from the same `.wasm`.
 *
 * @returns the backend
 * @example
 * ```ts
 * const r = await matchInventory(inv, db, { backend: await bulkBackend() })
 * ```
 */
export function bulkBackend(): Promise<VersionBackend> {
  cached ??= (async () => {
    const active = await initVersionCore()
    if ((active as { core?: unknown }).core) return active
    const core = await instantiateCore(new Uint8Array(await readFile(WASM_URL)))
    return { ...createWasmBackend(core), core } as VersionBackend
  })()
  return cached
}
