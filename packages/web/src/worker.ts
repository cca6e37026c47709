// The Web Worker behind the page: everything that touches the SBOM (parsing, DB
// shards, matching, report formatting) runs here, so the page's main thread only
// renders. Nothing is sent anywhere; the only requests are DB files from dbUrl.
import { isStowawayError } from '@stowaway/core'
import { initVersionCore } from '@stowaway/version'
import { checkSbom } from './check-sbom.ts'
import type { CheckRequest, ShardUse, WorkerMessage } from './messages.ts'
import { cachedDbReader } from './shard-reader.ts'

interface WorkerScope {
  postMessage(m: WorkerMessage): void
  addEventListener(type: 'message', fn: (e: MessageEvent<CheckRequest>) => void): void
}
const scope = globalThis as unknown as WorkerScope

// The release core sits beside the bundle (build.mjs copies it).
const core = initVersionCore(new URL('./stowaway-version.wasm', import.meta.url))

scope.addEventListener('message', async (e) => {
  const req = e.data
  if (req?.type !== 'check') return
  try {
    await core
    const shards: ShardUse[] = []
    const read = cachedDbReader(req.dbUrl, { onShard: (s) => shards.push(s) })
    const result = await checkSbom(req.text, { name: req.name, read, shards, onProgress: (m) => scope.postMessage(m) })
    scope.postMessage({ type: 'result', result })
  } catch (err) {
    scope.postMessage({ type: 'error', code: isStowawayError(err) ? err.code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) })
  }
})
