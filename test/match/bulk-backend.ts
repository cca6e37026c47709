import { readFile } from 'node:fs/promises'
import { WASM_URL, createWasmBackend, initVersionCore, instantiateCore } from '@stowaway/version'
import type { VersionBackend } from '@stowaway/version'
import type { Inventory } from '@stowaway/core'
import { matchInventory } from '@stowaway/match'
import type { AdvisoryDb, MatchResult } from '@stowaway/match'
import { expect } from 'vitest'

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

/**
 * Match one inventory with the TS reference, the batched (compareMany) path and the bulk
 * WASM path, assert that all three give the same findings (and bulk the same warnings),
 * and return the reference result.
 *
 * @param inv the packages
 * @param db the advisory DB
 * @returns the reference matcher's result
 * @example
 * ```ts
 * const { findings } = await matchEveryWay(inv, db)
 * ```
 */
export async function matchEveryWay(inv: Inventory, db: AdvisoryDb): Promise<MatchResult> {
  const ref = await matchInventory(inv, db, { mode: 'reference' })
  const wasm = await matchInventory(inv, db, { mode: 'batched' })
  expect(wasm.findings).toEqual(ref.findings)
  const bulk = await matchInventory(inv, db, { backend: await bulkBackend() })
  expect(bulk.findings).toEqual(ref.findings)
  // toEqual ignores undefined properties and prototypes: the same keys, in the same order.
  expect(bulk.findings.map((f) => Object.keys(f))).toEqual(ref.findings.map((f) => Object.keys(f)))
  expect(JSON.stringify(bulk.findings)).toBe(JSON.stringify(ref.findings))
  expect(bulk.warnings).toEqual(ref.warnings)
  return ref
}
