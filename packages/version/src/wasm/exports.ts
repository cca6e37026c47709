/** The raw exports of `stowaway-version.wasm` (AssemblyScript, `bindings: "raw"`). */
export interface CoreExports {
  memory: WebAssembly.Memory
  inputBuffer(size: number): number
  compareOne(scheme: number, al: number, bl: number): number
  compareBatch(scheme: number, count: number): number
  validBatch(scheme: number, count: number): number
}
