export * from './index.ts'
export { writeFilesToDir } from './write-files.node.ts'
