import type { Advisory } from '../advisory.ts'
import type { FeedResult } from './feed-result.ts'
import type { OvalCriteria, OvalDefinition } from './oval-criteria.ts'
import { ovalAdvisory } from './oval-criteria.ts'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!).trim()
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? unescape(m[1]!) : undefined
}

// Release for feeds whose criteria do not name one (CBL-Mariner / Azure Linux): the
// upstream file names carry it (`cbl-mariner-2.0-oval.xml`).
function releaseFromFileName(path: string, platform: string | undefined): string | undefined {
  const m = /(\d+)\.\d+-oval\.xml$/.exec(path)
  if (!m || !platform) return undefined
  if (/mariner/i.test(platform)) return `Mariner:${m[1]}`
  if (/azure linux/i.test(platform)) return `Azure Linux:${m[1]}`
  return undefined
}

// The <criteria> tree of one definition: criteria nest, criterion and
// extend_definition are leaves whose comments carry the facts.
function criteriaTree(def: string, tests: Map<string, string>): OvalCriteria | undefined {
  const root: OvalCriteria = { criterions: [], children: [] }
  const stack: OvalCriteria[] = [root]
  let depthOverflow = 0
  for (const m of def.matchAll(/<(\/?)(?:\w+:)?(criteria|criterion|extend_definition)\b([^>]*?)(\/?)>/g)) {
    const top = stack[stack.length - 1]!
    if (m[2] === 'criteria') {
      if (m[1]) {
        if (depthOverflow > 0) depthOverflow--
        else if (stack.length > 1) stack.pop()
      } else {
        // Real definitions nest a handful of levels; deeper input folds into its parent.
        if (stack.length > 64) {
          if (!m[4]) depthOverflow++
          continue
        }
        const node: OvalCriteria = { criterions: [], children: [] }
        top.children.push(node)
        if (!m[4]) stack.push(node)
      }
    } else if (!m[1]) {
      let c = attr(m[0], 'comment')
      // SUSE comments a criterion with the fixed NVR ("krb5-1.15.2-4.25 is installed")
      // and puts the comparison in its test ("krb5 is <1.15.2-4.25"): read the test's.
      const test = tests.get(attr(m[0], 'test_ref') ?? '')
      if (test && /^\S+ is </.test(test) && (!c || /^\S+ is installed$/.test(c))) c = test
      if (c) top.criterions.push(c)
    }
  }
  return root.children.length === 1 && root.criterions.length === 0 ? root.children[0] : root.children.length ? root : undefined
}

/**
 * Read an OVAL definitions document (Oracle ELSA, Red Hat RHSA, CBL-Mariner / Azure
 * Linux) by its criterion comments, the way those publishers write them (see
 * {@link ovalAdvisory}: fixes, last-affected and lower bounds, each under the release of
 * the nearest `"<Distro> <N> is installed"`; SUSE's criteria name the fixed NVR and
 * their tests carry the comparison, `"<pkg> is <<evr>"`, which is read instead).
 * Definitions whose criteria carry no such comments are skipped with that reason.
 *
 * @param text OVAL XML
 * @param path file path (release hint for Mariner/Azure Linux file names)
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parseOval } from '@stowaway/match'
 * declare const xml: string
 * parseOval(xml, 'oracle/com.oracle.elsa-all.xml').advisories
 * ```
 */
export function parseOval(text: string, path = ''): FeedResult {
  const advisories: Advisory[] = []
  const skipped: string[] = []
  const defs = text.match(/<definition\s[^>]*>[\s\S]*?<\/definition>/g) ?? []
  const tests = new Map<string, string>()
  for (const m of text.matchAll(/<(?:\w+:)?\w+_test\s[^>]*>/g)) {
    const id = attr(m[0], 'id')
    const comment = attr(m[0], 'comment')
    if (id && comment) tests.set(id, comment)
  }
  for (const def of defs) {
    const open = /^<definition\s[^>]*>/.exec(def)![0]
    const platforms = [...def.matchAll(/<platform>([\s\S]*?)<\/platform>/g)].map((m) => unescape(m[1]!))
    const refs = [...def.matchAll(/<reference\s[^>]*\/?>/g)].map((m) => {
      const url = attr(m[0], 'ref_url')
      return { source: attr(m[0], 'source') ?? '', id: attr(m[0], 'ref_id') ?? '', ...(url ? { url } : {}) }
    })
    const facts: OvalDefinition = { title: unescape(/<title>([\s\S]*?)<\/title>/.exec(def)?.[1] ?? ''), refs, platforms }
    const cls = attr(open, 'class')
    const defId = attr(open, 'id')
    const severity = /<severity>([\s\S]*?)<\/severity>/.exec(def)?.[1]
    const issued = /<issued date="([^"]+)"/.exec(def)?.[1]
    const criteria = criteriaTree(def, tests)
    if (cls) facts.cls = cls
    if (defId) facts.defId = defId
    if (severity) facts.severity = unescape(severity)
    if (issued) facts.issued = issued
    if (criteria) facts.criteria = criteria
    const adv = ovalAdvisory(facts, skipped, releaseFromFileName(path, platforms[0]))
    if (adv) advisories.push(adv)
  }
  if (defs.length === 0) skipped.push('OVAL document without definitions')
  return { format: 'oval', advisories, skipped }
}
