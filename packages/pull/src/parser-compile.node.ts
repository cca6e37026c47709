import { setFlagsFromString } from 'node:v8'

let state: 'idle' | 'armed' | 'done' = 'idle'

const userChoseTiers = () =>
  [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /liftoff|wasm-tier|wasm-dynamic-tiering/.test(a))

/**
 * Keeps undici's HTTP parser (llhttp, WebAssembly compiled once per process on the first
 * connection) on V8's baseline compiler.
 *
 * Under load V8 recompiles llhttp's large state machine with its optimizing compiler on
 * a worker thread, whose allocator then keeps about 30 MiB for the life of the process:
 * a third of a pull's peak RSS. The baseline code parses a registry's headers just as
 * well (blob bodies are skipped over by Content-Length, not scanned). So `--liftoff-only`
 * is on from the first request until undici reports the connection ready, then off again
 * for every other module (the WASM version core keeps its optimized code). A module
 * compiled elsewhere in that window (a few ms: connect, TLS) would also stay on the baseline
 * compiler: slower, never wrong. When the user chose Wasm tiering flags, nothing is changed.
 *
 * @returns a function to call once the request started (`true`) or failed before (`false`)
 * @example
 * ```ts
 * import { armParserCompile } from './parser-compile.node.ts'
 * const settle = armParserCompile()
 * settle(true)
 * ```
 */
export function armParserCompile(): (started: boolean) => void {
  if (state !== 'idle' || userChoseTiers()) return () => {}
  try {
    setFlagsFromString('--liftoff-only')
  } catch {
    state = 'done'
    return () => {}
  }
  state = 'armed'
  return (started) => {
    if (state !== 'armed') return
    setFlagsFromString('--no-liftoff-only')
    // A request that failed before connecting compiled nothing: arm again next time.
    state = started ? 'done' : 'idle'
  }
}
