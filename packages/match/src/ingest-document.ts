import { parse as parseYaml } from 'yaml'
import { parseOsvRecord } from './osv-record.ts'
import type { FeedResult } from './feeds/feed-result.ts'
import { isAlpineSecdb, parseAlpineSecdb } from './feeds/alpine-secdb.ts'
import { debianEcosystem, isDebianAdvisoryList, isDebianTrackerJson, parseDebianAdvisoryList, parseDebianTrackerJson } from './feeds/debian.ts'
import { isRustSec, parseRustSec } from './feeds/rustsec.ts'
import { isRubySec, parseRubySec } from './feeds/rubysec.ts'
import { isFriendsOfPhp, parseFriendsOfPhp } from './feeds/friendsofphp.ts'
import { nodejsWgKind, parseNodejsWg } from './feeds/nodejs-wg.ts'
import { isRedHatCsaf, parseRedHatCsaf } from './feeds/redhat-csaf.ts'
import { parseOval } from './feeds/oval.ts'
import { isNvdCve, parseNvdCve } from './feeds/nvd.ts'
import { isRedHatCveJson, isRedHatCveSummary, parseRedHatCveJson, parseRedHatCveSummary } from './feeds/redhat-cve.ts'
import { isSuseCvrf, parseSuseCvrf } from './feeds/suse-cvrf.ts'
import { isOvalJson, parseOvalJson } from './feeds/oval-json.ts'
import { isAmazonAlas, parseAmazonAlas } from './feeds/amazon-alas.ts'
import { isRockyErrata, parseRockyErrata } from './feeds/rocky-errata.ts'
import { isAlmaErrata, parseAlmaErrata } from './feeds/alma-errata.ts'
import { isUbuntuCve, parseUbuntuCve } from './feeds/ubuntu-cve.ts'
import { isFedoraBodhi, parseFedoraBodhi } from './feeds/fedora-bodhi.ts'
import { isPhotonCveList, parsePhotonCveList } from './feeds/photon-cve.ts'
import { readZip } from './zip.ts'

const NOT_ADVISORY_EXT = /\.(go|py|rs|rb|js|ts|sh|txt|html|css|lock|mod|sum|gitignore|tar|gz|bz2|xz|zst|db|sqlite|csv|cfg|ini|png|svg)$/i

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

function one(format: string, reason: string): FeedResult {
  return { format, advisories: [], skipped: [reason] }
}

function fromOsv(doc: unknown): FeedResult {
  if (Array.isArray(doc)) {
    // Some dumps hold arrays of records.
    const out: FeedResult = { format: 'osv', advisories: [], skipped: [] }
    for (const d of doc) {
      const r = fromOsv(d)
      out.advisories.push(...r.advisories)
      out.skipped.push(...r.skipped)
    }
    return out
  }
  const r = parseOsvRecord(doc)
  return { format: 'osv', advisories: r.advisory ? [r.advisory] : [], skipped: [...(r.skipped ? [r.skipped] : []), ...r.partial] }
}

function looksOsv(d: Record<string, unknown>): boolean {
  return typeof d.id === 'string' && ('affected' in d || 'modified' in d || 'schema_version' in d || 'withdrawn' in d)
}

// Non-advisory files found beside feeds in test-fixture trees, and parts of formats
// that only make sense whole: the reason names them so the report is complete.
const OTHER_SHAPES: [string[], string][] = [
  [['identifier', 'item', 'schema'], 'vunnel normalised output snapshot (derived by another scanner, not a feed)'],
  [['threat_severity'], 'Red Hat security data API CVE JSON without a CVE name'],
  [['RpminfoObjects'], 'OVAL objects as JSON (part of an OVAL document)'],
  [['RpminfoState'], 'OVAL states as JSON (part of an OVAL document)'],
  [['RpminfoTests'], 'OVAL tests as JSON (part of an OVAL document)'],
  [['@context', 'statements'], 'OpenVEX document (VEX input for scan, not an advisory feed)'],
  [['Package', 'Version'], 'Debian package metadata fixture (not advisories)'],
  [['Header', 'Annotations'], 'scanner DB fixture (not advisories)'],
  [['swift_versions'], 'CocoaPods podspec JSON (not advisories)'],
  [['name', 'secfixes'], 'Alpine secdb package split out by a scanner (vuln-list layout, no release)'],
  [['vulnerabilities'], 'CSAF/VEX fragment without a document or CVE ids (empty or broken test fixture)'],
]

function recogniseOther(doc: Record<string, unknown>): string {
  const keys = Object.keys(doc)
  if (keys.length === 0) return 'empty JSON object'
  const doc2 = doc.document as Record<string, unknown> | undefined
  if (doc2 && typeof doc2 === 'object' && 'csaf_version' in doc2) return 'CSAF document of another publisher (only Red Hat CSAF VEX is ingested)'
  for (const [need, reason] of OTHER_SHAPES) if (need.every((k) => k in doc)) return reason
  if (keys.every((k) => /^\d+$/.test(k))) return 'index JSON (maps ids to files, not advisories)'
  if (keys.every((k) => /^[a-z]+$/.test(k) && debianEcosystem(k) !== undefined || k === 'sid')) return 'Debian release map (not advisories)'
  if (keys.length === 1 && typeof doc[keys[0]!] === 'object') return 'repository/CPE or package mapping JSON (not advisories)'
  return `JSON document of an unknown shape (keys: ${keys.slice(0, 4).join(', ')})`
}

// Arrays that are not feeds: name what they are where the shape tells.
function arrayReason(doc: unknown[], lowerName: string): string {
  const first = doc.find((d) => d && typeof d === 'object') as Record<string, unknown> | undefined
  if (first && 'bucket' in first && 'pairs' in first) return 'scanner DB fixture (bucket/pairs, not advisories)'
  if (first && first.Vulnerability && typeof first.Vulnerability === 'object' && 'NamespaceName' in first.Vulnerability) return 'anchore legacy vulnerability records (derived by another scanner, not a feed)'
  if (first && /\.(alpine|debian|nvd)\.json$/.test(lowerName)) return 'osv.dev converter intermediate (parts of a record, not a feed)'
  return 'JSON array that is not a list of OSV records'
}

// XML feeds are recognised by their root elements, whatever the file is called.
function classifyXml(text: string, path: string): FeedResult | undefined {
  const head = text.slice(0, 4000)
  if (!/^\s*(<\?xml|<)/.test(head) || head.trimStart().startsWith('<html') || /<!DOCTYPE html/i.test(head)) return undefined
  if (/<(\w+:)?oval_definitions/.test(head)) return parseOval(text, path)
  if (/<(\w+:)?cvrfdoc/.test(head)) return one('cvrf', 'CVRF XML (none in the shared data; SUSE CVRF is read in its JSON rendering)')
  if (/<rss[\s>]/.test(head)) return one('none', 'RSS feed (bulletin index, not advisory records)')
  if (/^\s*<\?xml/.test(head)) return one('none', 'XML document without OVAL/CVRF root (not an advisory feed)')
  return undefined
}

/**
 * Detect the format of one advisory file and turn it into records. Knows OSV (JSON,
 * YAML, arrays), Alpine secdb, Debian DSA/DLA lists and tracker JSON, Red Hat CSAF VEX,
 * Red Hat security data CVE records and CVE lists, OVAL as XML or vuln-list JSON (Oracle,
 * Red Hat, CBL-Mariner / Azure Linux), SUSE CVRF (JSON), NVD CVE JSON, Ubuntu CVE tracker
 * entries, yum updateinfo errata (Amazon ALAS, Rocky RLSA, AlmaLinux ALSA), Fedora
 * Bodhi updates, RustSec,
 * ruby-advisory-db, FriendsOfPHP, nodejs/security-wg and `all.zip` dumps of any of
 * these. Everything else is skipped with a reason naming what it is.
 *
 * @param path file path (for extension and id hints)
 * @param bytes file contents
 * @returns the records and the skip reasons
 * @example
 * ```ts
 * import { ingestDocument } from '@stowaway/match'
 * const r = await ingestDocument('GO-1.json', new TextEncoder().encode('{"id":"GO-1","affected":[]}'))
 * r.skipped // ['no affected packages']
 * ```
 */
export async function ingestDocument(path: string, bytes: Uint8Array): Promise<FeedResult> {
  try {
    return await detectAndParse(path, bytes)
  } catch (e) {
    // A parser that meets input it cannot read reports it as a skip, not a crash.
    return one('none', `malformed document: ${e instanceof Error ? e.message : String(e)}`)
  }
}

async function detectAndParse(path: string, bytes: Uint8Array): Promise<FeedResult> {
  const name = baseName(path)
  const lower = name.toLowerCase()
  if (lower.endsWith('.zip')) {
    const out: FeedResult = { format: 'zip', advisories: [], skipped: [] }
    for (const e of readZip(bytes)) {
      let entry: Uint8Array
      try {
        entry = await e.read()
      } catch (err) {
        out.skipped.push(`unreadable zip entry: ${err instanceof Error ? err.message : String(err)}`)
        continue
      }
      const r = await ingestDocument(e.name, entry)
      out.advisories.push(...r.advisories)
      out.skipped.push(...r.skipped)
    }
    return out
  }
  if (/^(license|copying|readme|changelog|contributing|security|notice)(\..*)?$/i.test(name)) return one('none', 'license/readme file')
  if (NOT_ADVISORY_EXT.test(lower)) return one('none', `not an advisory file (*.${lower.split('.').pop()})`)
  const text = new TextDecoder().decode(bytes)
  if (lower.endsWith('.md')) {
    if (isRustSec(text)) return parseRustSec(text)
    if (/Advisory Id\s*:\s*PHSA-/.test(text)) return one('none', "Photon OS advisory page (PHSA: no fixed versions; the release's CVE list JSON carries them)")
    return one('none', 'Markdown without advisory front matter')
  }
  const xml = classifyXml(text, path)
  if (xml) return xml
  if (isDebianAdvisoryList(text)) return parseDebianAdvisoryList(text)
  let doc: unknown
  try {
    doc = lower.endsWith('.json') ? JSON.parse(text) : lower.endsWith('.yaml') || lower.endsWith('.yml') ? parseYaml(text, { maxAliasCount: 1000 }) : undefined
  } catch {
    return one('none', lower.endsWith('.json') ? 'malformed JSON (broken test fixture)' : 'malformed YAML (broken test fixture)')
  }
  if (doc === undefined) {
    // Extensionless files: try JSON, then give up with the reason.
    try {
      doc = JSON.parse(text)
    } catch {
      if (/<html|<!DOCTYPE html/i.test(text.slice(0, 2000))) return one('none', 'HTML page (advisory web page, not a feed)')
      if (/^\s*\{/.test(text)) return one('none', 'malformed JSON')
      if (bytes.length >= 4 && bytes[0] === 0x28 && bytes[1] === 0xb5) return one('none', 'zstd archive (not unpacked)')
      return one('none', 'not an advisory file (unknown text format)')
    }
  }
  if (Array.isArray(doc)) {
    if (doc.length > 0 && doc.every((d) => d && typeof d === 'object' && looksOsv(d))) return fromOsv(doc)
    if (isPhotonCveList(doc)) return parsePhotonCveList(doc, lower)
    if (doc.length > 0 && doc.every(isRedHatCveSummary)) {
      const out: FeedResult = { format: 'redhat-cve-list', advisories: [], skipped: [] }
      for (const d of doc) {
        const r = parseRedHatCveSummary(d)
        out.advisories.push(...r.advisories)
        out.skipped.push(...r.skipped)
      }
      return out
    }
    return one('none', arrayReason(doc, lower))
  }
  if (!doc || typeof doc !== 'object') return one('none', 'JSON scalar, not a document (broken test fixture)')
  const d = doc as Record<string, unknown>
  if (looksOsv(d)) return fromOsv(d)
  if (isAlpineSecdb(d)) return parseAlpineSecdb(d)
  if (isRubySec(d)) return parseRubySec(d)
  if (isFriendsOfPhp(d)) return parseFriendsOfPhp(d, name)
  if (nodejsWgKind(d)) return parseNodejsWg(d)
  if (isDebianTrackerJson(d)) return parseDebianTrackerJson(d)
  if (isRedHatCsaf(d)) return parseRedHatCsaf(d)
  if (isNvdCve(d)) return parseNvdCve(d)
  if (isRedHatCveJson(d)) return parseRedHatCveJson(d)
  if (isSuseCvrf(d)) return parseSuseCvrf(d)
  if (isRedHatCveSummary(d)) return parseRedHatCveSummary(d)
  if (isOvalJson(d)) return parseOvalJson(d, path)
  if (isAmazonAlas(d)) return parseAmazonAlas(d, path)
  if (isRockyErrata(d)) return parseRockyErrata(d, path)
  if (isAlmaErrata(d)) return parseAlmaErrata(d, path)
  if (isUbuntuCve(d)) return parseUbuntuCve(d)
  if (isFedoraBodhi(d)) return parseFedoraBodhi(d)
  return one('none', recogniseOther(d))
}
