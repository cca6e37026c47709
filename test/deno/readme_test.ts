// The README's "Deno" section promises that its first code block runs as-is with
// `deno run -A` from the repository root after the build. Run it exactly so.
const repo = new URL('../../', import.meta.url).pathname

Deno.test('README "Deno" section: the first code block runs with deno run -A and prints the finding', async () => {
  const readme = await Deno.readTextFile(`${repo}README.md`)
  const section = readme.slice(readme.indexOf('\n## Deno\n'))
  if (section.length === readme.length + 1) throw new Error('README has no "## Deno" section')
  const block = /```ts\n([\s\S]*?)\n```/.exec(section)?.[1]
  if (!block) throw new Error('no ts code block in the Deno section')
  const child = new Deno.Command(Deno.execPath(), {
    args: ['run', '-A', '-'],
    cwd: repo,
    stdin: 'piped',
    stdout: 'piped',
    stderr: 'piped',
    env: { NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  }).spawn()
  const w = child.stdin.getWriter()
  await w.write(new TextEncoder().encode(block))
  await w.close()
  const out = await child.output()
  const stdout = new TextDecoder().decode(out.stdout)
  if (out.code !== 0) throw new Error(`exit ${out.code}: ${new TextDecoder().decode(out.stderr)}`)
  // lodash 4.17.11 < 4.17.12 (the record's fix) and CVSS 3.1 base 9.1 → CRITICAL.
  if (!/lodash\s+4\.17\.11\s+GHSA-jf85-cpcp-j695\s+4\.17\.12/.test(stdout)) throw new Error(`unexpected output:\n${stdout}`)
  if (!stdout.includes('CRITICAL (1)')) throw new Error(`severity missing:\n${stdout}`)
})
