export type { ExtractedFile, FileTree } from './file-tree.ts'
export { createFileTree, globToRegExp } from './file-tree.ts'
