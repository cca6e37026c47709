// Test-only: validators for the official CycloneDX and SPDX JSON schemas copied into
// test/fixtures/schemas (see docs/THIRD_PARTY.md).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'

const root = fileURLToPath(new URL('../../../../test/fixtures/schemas/', import.meta.url))
const load = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'))

export type Validate = (doc: unknown) => string[]

function make(main: string, extra: string[]): Validate {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
  addFormats(ajv)
  for (const e of extra) ajv.addSchema(load(e), e.split('/').pop())
  const v = ajv.compile(load(main))
  return (doc) => (v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))
}

export const validateCycloneDx = (version: '1.5' | '1.6'): Validate =>
  make(`CycloneDX__specification/bom-${version}.schema.json`, ['CycloneDX__specification/spdx.schema.json', 'CycloneDX__specification/jsf-0.82.schema.json'])

export const validateSpdx23: Validate = make('spdx__spdx-spec/v2.3/spdx-schema.json', [])
export const validateSpdx22: Validate = make('spdx__spdx-spec/v2.2.2/spdx-schema.json', [])
