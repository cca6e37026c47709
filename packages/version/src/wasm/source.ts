/**
 * Anything the loader can turn into the version core: a compiled module, its bytes, a
 * `Response` (or a promise of one) from `fetch`, or a URL to fetch.
 *
 * @example
 * ```ts
 * import type { WasmSource } from '@stowaway/version'
 * const src: WasmSource = new URL('https://example.test/stowaway-version.wasm')
 * ```
 */
export type WasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array | Response | Promise<Response> | URL | string

/** Produces the default {@link WasmSource} for this runtime. */
export type DefaultWasmSource = () => WasmSource | Promise<WasmSource>
