import { TarParser, type TarParserOptions } from './tar-parser.ts'
import type { TarEntryHeader } from './tar-header.ts'

/** One entry out of a {@link TarStream}: the header, and the body when it was wanted. */
export interface TarEntry {
  header: TarEntryHeader
  bytes?: Uint8Array
}

/** Options of {@link TarStream}. */
export interface TarStreamOptions extends TarParserOptions {
  /** Which entries' bodies to collect (default none: headers only). */
  want?: (header: TarEntryHeader) => boolean
}

/**
 * The stream form of {@link TarParser}: tar bytes in, entries out. Bodies are collected
 * only for entries `want` accepts (so decide limits there); the rest stream by.
 *
 * @example List the names in a tar
 * ```ts
 * import { TarStream } from '@stowaway/extract'
 * const names: string[] = []
 * await new Response(new Uint8Array(1024)).body!.pipeThrough(new TarStream())
 *   .pipeTo(new WritableStream({ write: (e) => void names.push(e.header.name) }))
 * ```
 */
export class TarStream extends TransformStream<Uint8Array, TarEntry> {
  /**
   * @param options which bodies to collect, metadata limits
   */
  constructor(options: TarStreamOptions = {}) {
    let parser: TarParser
    super({
      start(controller) {
        parser = new TarParser(
          {
            entry: (header) => {
              const want = options.want?.(header) ?? false
              if (!want) controller.enqueue({ header })
              return want
            },
            body: (header, bytes) => controller.enqueue({ header, bytes }),
          },
          options,
        )
      },
      transform(chunk) {
        parser.push(chunk)
      },
      flush() {
        parser.end()
      },
    })
  }
}
