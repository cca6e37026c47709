import { StowawayError } from '@stowaway/core'
import type { Comparator } from './comparator.ts'
import { testComparator } from './comparator.ts'
import type { BoundCompare, VersionRange } from './version-range.ts'

// A parsed Cabal version range: comparators combined with && and ||.
type Node =
  | { kind: 'cmp'; c: Comparator }
  | { kind: 'and' | 'or'; items: Node[] }

const VERSION = /^(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8}))*$/
const WILDCARD = /^((?:0|[1-9][0-9]{0,8})(?:\.(?:0|[1-9][0-9]{0,8}))*)\.\*$/
const TOKEN = /\s*(\|\||&&|\^>=|==|>=|<=|>|<|\(|\)|\{|\}|,|-any|-none|[0-9]+(?:\.[0-9]+)*(?:\.\*)?)/y

const cmp = (op: Comparator['op'], version: string): Node => ({ kind: 'cmp', c: { op, version } })
const and = (...items: Node[]): Node => ({ kind: 'and', items })

/** Decimal string + 1 (Cabal parts are at most 9 digits, so a number is exact). */
const inc = (n: string) => String(Number(n) + 1)

/** `^>= v`: at least v, below the next major version (`1.2.3` → `1.3`, `1` → `1.1`). */
function majorBound(v: string): Node {
  const p = v.split('.')
  const upper = p.length === 1 ? `${p[0]}.1` : `${p[0]}.${inc(p[1]!)}`
  return and(cmp('>=', v), cmp('<', upper))
}

/** `== 1.2.*`: at least 1.2, below 1.3. */
function wildcard(prefix: string): Node {
  const p = prefix.split('.')
  p[p.length - 1] = inc(p[p.length - 1]!)
  return and(cmp('>=', prefix), cmp('<', p.join('.')))
}

function evaluate(n: Node, version: string, compare: BoundCompare): boolean {
  if (n.kind === 'cmp') return testComparator(n.c, version, compare)
  if (n.kind === 'and') return n.items.every((x) => evaluate(x, version, compare))
  return n.items.some((x) => evaluate(x, version, compare))
}

/**
 * Parse a Cabal (Hackage) version range: `>= 1.2 && < 1.3 || == 2.*`, `^>= 1.2.3`
 * (at least 1.2.3, below 1.3), `== 1.2.*` (at least 1.2, below 1.3), sets
 * `== { 1.2, 1.3 }` and `^>= { 1.2, 1.3 }`, parentheses, and the legacy `-any` / `-none`.
 * `&&` binds tighter than `||`.
 *
 * @param range the range as written in a .cabal file
 * @returns the parsed range; its `test` uses only the given comparison function
 * @throws {StowawayError} `INVALID_RANGE` on anything Cabal's grammar rejects
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('Hackage', '1.2.9', '^>= 1.2.3') // true
 * ```
 */
export function parseHackageRange(range: string): VersionRange {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let pos = 0
  for (;;) {
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(range)
    if (!m) break
    tokens.push(m[1]!)
    pos = TOKEN.lastIndex
  }
  const fail = (why: string): never => {
    throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
  }
  if (range.slice(pos).trim() !== '') fail(`unexpected "${range.slice(pos).trim()}"`)
  let i = 0
  const peek = () => tokens[i]
  const take = () => tokens[i++] ?? fail('unexpected end')

  const version = (allowWildcard: boolean): Node | string => {
    const t = take()
    if (VERSION.test(t)) return t
    const w = WILDCARD.exec(t)
    if (w && allowWildcard) return wildcard(w[1]!)
    return fail(`"${t}" is not a version`)
  }

  const atom = (): Node => {
    const t = take()
    if (t === '(') {
      const inner = or()
      if (take() !== ')') fail('missing ")"')
      return inner
    }
    if (t === '-any') return cmp('>=', '0')
    if (t === '-none') return cmp('<', '0')
    if (t === '==' || t === '^>=') {
      const one = (v: Node | string): Node => (typeof v !== 'string' ? v : t === '==' ? cmp('=', v) : majorBound(v))
      if (peek() !== '{') return one(version(t === '=='))
      take()
      const items: Node[] = [one(version(false))]
      while (peek() === ',') {
        take()
        items.push(one(version(false)))
      }
      if (take() !== '}') fail('missing "}"')
      return { kind: 'or', items }
    }
    if (t === '>=' || t === '<=' || t === '>' || t === '<') {
      const v = version(false)
      return cmp(t, v as string)
    }
    return fail(`unexpected "${t}"`)
  }

  const conj = (): Node => {
    const items = [atom()]
    while (peek() === '&&') {
      take()
      items.push(atom())
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items }
  }

  function or(): Node {
    const items = [conj()]
    while (peek() === '||') {
      take()
      items.push(conj())
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items }
  }

  if (tokens.length === 0) fail('empty range')
  const tree = or()
  if (i < tokens.length) fail(`unexpected "${tokens[i]}"`)
  return { source: range, test: (v, c) => evaluate(tree, v, c) }
}
