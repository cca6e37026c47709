import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts","src/index.node.ts"],
  format: ["esm"],
  dts: { entry: ["src/index.ts", "src/index.node.ts"] },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: [/^node:/, /^@stowaway\//],
})
