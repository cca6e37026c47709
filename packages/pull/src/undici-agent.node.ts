import { createRequire } from 'node:module'
import type { Agent } from 'undici'

const require = createRequire(import.meta.url)

let loaded: typeof Agent | undefined

/**
 * undici's `Agent` class, loaded on first use. undici's package entry also loads its fetch,
 * WebSocket, cache and mock layers (60–125 ms and ≈ 10 MiB on this project's machine); the
 * dispatcher file alone loads in about a quarter of that. undici has no `exports` map, so
 * the file is reachable; if a release moves it, the package entry is the fallback.
 *
 * @returns the `Agent` constructor of the installed undici
 * @example
 * ```ts
 * import { loadUndiciAgent } from './undici-agent.node.ts'
 * const Agent = loadUndiciAgent()
 * const agent = new Agent({ connections: 4 })
 * ```
 */
export function loadUndiciAgent(): typeof Agent {
  if (loaded) return loaded
  try {
    loaded = require('undici/lib/dispatcher/agent.js') as typeof Agent
  } catch {
    loaded = (require('undici') as { Agent: typeof Agent }).Agent
  }
  return loaded
}
