import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

const pkg = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@stowaway/core': pkg('core/src/index.ts'),
      '@stowaway/version': pkg('version/src/index.node.ts'),
      '@stowaway/pull': pkg('pull/src/index.node.ts'),
      '@stowaway/extract': pkg('extract/src/index.ts'),
      '@stowaway/sbom': pkg('sbom/src/index.ts'),
      '@stowaway/match/node': pkg('match/src/index.node.ts'),
      '@stowaway/match': pkg('match/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
})
