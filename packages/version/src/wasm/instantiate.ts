import { StowawayError } from '@stowaway/core'
import type { CoreExports } from './exports.ts'
import type { WasmSource } from './source.ts'

// AssemblyScript's only import with runtime "incremental": abort(msg, file, line, col).
const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, col: number): never {
      throw new StowawayError('WASM_LOAD', `Cannot continue: version core aborted at ${line}:${col}`)
    },
  },
}

function isResponseLike(x: unknown): x is Response {
  return typeof Response !== 'undefined' && x instanceof Response
}

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source as BufferSource)
  let resp: Response
  if (typeof source === 'string' || source instanceof URL) resp = await fetch(source)
  else resp = await source
  if (!isResponseLike(resp) || !resp.ok) {
    throw new StowawayError('WASM_LOAD', `Cannot load version core: HTTP ${(resp as Response)?.status ?? '?'} from "${(resp as Response)?.url ?? ''}"`)
  }
  const type = resp.headers.get('content-type') ?? ''
  if (typeof WebAssembly.compileStreaming === 'function' && type.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(resp)
  }
  return WebAssembly.compile(await resp.arrayBuffer())
}

/**
 * Compile (if needed) and instantiate the version core from any {@link WasmSource}.
 *
 * @param source module, bytes, response or URL
 * @returns the raw exports
 * @throws {StowawayError} `WASM_LOAD` when fetching or compiling fails
 * @example
 * ```ts
 * import { instantiateCore } from '@stowaway/version'
 * const core = await instantiateCore(new URL('./stowaway-version.wasm', import.meta.url))
 * ```
 */
export async function instantiateCore(source: WasmSource): Promise<CoreExports> {
  let mod: WebAssembly.Module
  try {
    mod = await compile(source)
  } catch (e) {
    if (e instanceof StowawayError) throw e
    throw new StowawayError('WASM_LOAD', `Cannot load version core: ${(e as Error).message}`, { cause: e })
  }
  const inst = await WebAssembly.instantiate(mod, imports)
  return inst.exports as unknown as CoreExports
}

/**
 * Synchronous form for a precompiled module or bytes (workers and strict CSPs that
 * allow `wasm-unsafe-eval` only for modules compiled elsewhere).
 *
 * @param source a compiled module or the `.wasm` bytes
 * @returns the raw exports
 * @example
 * ```ts
 * import { instantiateCoreSync } from '@stowaway/version'
 * declare const mod: WebAssembly.Module
 * const core = instantiateCoreSync(mod)
 * ```
 */
export function instantiateCoreSync(source: WebAssembly.Module | ArrayBuffer | Uint8Array): CoreExports {
  try {
    const mod = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source as BufferSource)
    return new WebAssembly.Instance(mod, imports).exports as unknown as CoreExports
  } catch (e) {
    throw new StowawayError('WASM_LOAD', `Cannot load version core: ${(e as Error).message}`, { cause: e })
  }
}
