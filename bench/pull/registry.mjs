// Start one throwaway CNCF distribution registry (Debian docker-registry) on a free
// loopback port for the pull benches; stop() kills exactly that process.
import { spawn, execFile } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

export const exec = promisify(execFile)

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

export async function startRegistry() {
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-bench-registry-'))
  const port = await freePort()
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/storage\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: bench\n`,
  )
  const fd = openSync(join(dir, 'registry.log'), 'a')
  const proc = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', fd, fd] })
  closeSync(fd)
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    host: `127.0.0.1:${port}`,
    dir,
    async push(src, dest, ...flags) {
      await exec('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', ...flags, src, `docker://127.0.0.1:${port}/${dest}`], { maxBuffer: 1 << 20 })
    },
    async stop() {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r))
        proc.kill('SIGTERM')
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))])
        if (proc.exitCode === null) proc.kill('SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
