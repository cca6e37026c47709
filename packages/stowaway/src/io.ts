/** Where a command writes; injectable so tests capture output without a subprocess. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Reads all of standard input as lines, lazily. */
  stdinLines(): AsyncIterable<string>
  isTTY: boolean
}
