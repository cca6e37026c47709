// Test support: a CliIo that records output and feeds stdin from a string.
import type { CliIo } from './io.ts'

/** A captured CLI run's sinks. */
export interface CapturedIo extends CliIo {
  out: string
  err: string
}

/** Build a {@link CliIo} that records output; `stdin` is split into lines. */
export function captureIo(stdin = ''): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    isTTY: false,
    stdout: (t) => {
      io.out += t
    },
    stderr: (t) => {
      io.err += t
    },
    async *stdinLines() {
      const lines = stdin.split('\n')
      if (lines[lines.length - 1] === '') lines.pop()
      yield* lines
    },
  }
  return io
}
