import { StowawayError } from '@stowaway/core'
import type { VersionBackend } from './backend.ts'
import { referenceBackend } from './reference/backend.ts'
import { createWasmBackend } from './wasm/backend.ts'
import { instantiateCore, instantiateCoreSync } from './wasm/instantiate.ts'
import type { DefaultWasmSource, WasmSource } from './wasm/source.ts'

let active: VersionBackend = referenceBackend
let defaultSource: DefaultWasmSource | undefined
let pending: Promise<VersionBackend> | undefined

/**
 * Set how {@link initVersionCore} finds the `.wasm` file when called without a source.
 * The package entries call this (fs in Node, `fetch` of a URL next to the module
 * elsewhere); applications may override it, e.g. to point at a CDN.
 *
 * @param fn returns the default source
 * @example
 * ```ts
 * import { setDefaultWasmSource } from '@stowaway/version'
 * setDefaultWasmSource(() => new URL('/assets/stowaway-version.wasm', location.href))
 * ```
 */
export function setDefaultWasmSource(fn: DefaultWasmSource): void {
  defaultSource = fn
}

/**
 * Load the WASM version core (once) and make it the backend that
 * {@link compareVersions}, {@link satisfies} and the match stage use. Until it
 * resolves, those functions use the TypeScript reference, which gives the same answers
 * more slowly.
 *
 * @param source optional module, bytes, response or URL; defaults per runtime
 * @returns the WASM backend
 * @throws {StowawayError} `WASM_LOAD` when the module cannot be loaded
 * @example
 * ```ts
 * import { initVersionCore, compareVersions } from '@stowaway/version'
 * await initVersionCore()
 * compareVersions('npm', '1.2.3', '1.10.0') // -1
 * ```
 */
export function initVersionCore(source?: WasmSource): Promise<VersionBackend> {
  if (source === undefined && pending) return pending
  const p = (async () => {
    const src = source ?? (await defaultSource?.())
    if (src === undefined) throw new StowawayError('WASM_LOAD', 'Cannot load version core: no source given and no default for this runtime')
    const backend = createWasmBackend(await instantiateCore(src))
    active = backend
    return backend
  })()
  if (source === undefined) {
    pending = p
    p.catch(() => {
      if (pending === p) pending = undefined
    })
  }
  return p
}

/**
 * Synchronous {@link initVersionCore} for a precompiled module or the raw bytes.
 *
 * @param source module or bytes
 * @returns the WASM backend, now active
 * @example
 * ```ts
 * import { initVersionCoreSync } from '@stowaway/version'
 * declare const bytes: Uint8Array
 * initVersionCoreSync(bytes)
 * ```
 */
export function initVersionCoreSync(source: WebAssembly.Module | ArrayBuffer | Uint8Array): VersionBackend {
  active = createWasmBackend(instantiateCoreSync(source))
  pending = Promise.resolve(active)
  return active
}

/**
 * The backend in use: WASM after {@link initVersionCore}, the TypeScript reference before.
 *
 * @returns the active backend
 * @example
 * ```ts
 * import { getVersionBackend } from '@stowaway/version'
 * getVersionBackend().kind // 'ts' or 'wasm'
 * ```
 */
export function getVersionBackend(): VersionBackend {
  return active
}

/**
 * Force a backend, e.g. the reference for differential testing.
 *
 * @param backend the backend to use from now on
 * @example
 * ```ts
 * import { useVersionBackend, referenceBackend } from '@stowaway/version'
 * useVersionBackend(referenceBackend)
 * ```
 */
export function useVersionBackend(backend: VersionBackend): void {
  active = backend
}
