import type { BoundCompare } from './version-range.ts'

/** A relational operator between a version and a bound. */
export type Operator = '<' | '<=' | '>' | '>=' | '=' | '!='

/** `version <op> bound`. */
export interface Comparator {
  op: Operator
  version: string
}

/**
 * Evaluate one comparator; an invalid operand makes it false (never "equal").
 *
 * @param c the comparator
 * @param version the version under test
 * @param cmp bound comparison function
 * @returns whether `version c.op c.version` holds
 */
export function testComparator(c: Comparator, version: string, cmp: BoundCompare): boolean {
  const r = cmp(version, c.version)
  if (r === 2 || r === 3) return false
  switch (c.op) {
    case '<':
      return r < 0
    case '<=':
      return r <= 0
    case '>':
      return r > 0
    case '>=':
      return r >= 0
    case '=':
      return r === 0
    case '!=':
      return r !== 0
  }
}

/**
 * Evaluate a disjunction of conjunctions of comparators.
 *
 * @param anyOf alternatives; each is a list that must all hold
 * @param version the version under test
 * @param cmp bound comparison function
 * @returns whether any alternative holds entirely
 */
export function testDnf(anyOf: readonly (readonly Comparator[])[], version: string, cmp: BoundCompare): boolean {
  return anyOf.some((all) => all.every((c) => testComparator(c, version, cmp)))
}
