#!/usr/bin/env node
import { main } from '../dist/cli.js'

// A closed pipe (`stowaway sbom … | head`) ends the run quietly, as other CLIs do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = await main(process.argv.slice(2))
