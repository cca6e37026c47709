export * from './index.ts'
export { writeFilesToDir } from './write-files.node.ts'
export { nodeDecompressors } from './native-decompressors.node.ts'
