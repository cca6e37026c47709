export * from './index.ts'
export { nodeFileSystem } from './node-fs.node.ts'
