// Long lists are put into the page a slice at a time, each slice in its own task, so the
// main thread is never held for the whole list: with 500 table rows in one task, a busy
// machine blocked it for over 200 ms (the Long Tasks budget the page is tested against).

/** How many nodes one task appends by default. */
export const SLICE_SIZE = 50

/** Pending fills per container: a newer fill of the same container cancels the older one. */
const generations = new WeakMap<Node, number>()

/**
 * Options for {@link fillInSlices}.
 *
 * @example
 * ```ts
 * import type { FillOptions } from './fill-in-slices.ts'
 * const o: FillOptions = { size: 25 }
 * ```
 */
export interface FillOptions {
  /** Nodes appended per task (default {@link SLICE_SIZE}). */
  size?: number
  /** Called once the last slice is in (not called when a newer fill cancelled this one). */
  done?: () => void
  /** Schedules the next slice; defaults to a zero-delay timeout (a new task). */
  schedule?: (next: () => void) => void
}

/**
 * Replace a container's children with one node per item, appending `size` nodes per
 * task. The first slice goes in synchronously, so short lists appear at once; a later
 * call on the same container cancels the slices this one still has to append.
 *
 * @param target the container whose children are replaced (a `tbody`, a `ul`…)
 * @param items the items to show, in order
 * @param make builds the node for one item
 * @param options slice size, completion callback, scheduler
 * @example
 * ```ts
 * import { fillInSlices } from './fill-in-slices.ts'
 * const list = document.createElement('ul')
 * fillInSlices(list, ['a', 'b'], (s) => Object.assign(document.createElement('li'), { textContent: s }))
 * ```
 */
export function fillInSlices<T>(target: Node & ParentNode, items: readonly T[], make: (item: T) => Node, options: FillOptions = {}): void {
  const size = Math.max(1, options.size ?? SLICE_SIZE)
  const schedule = options.schedule ?? ((next: () => void) => void setTimeout(next, 0))
  const generation = (generations.get(target) ?? 0) + 1
  generations.set(target, generation)
  let at = 0
  const slice = (): void => {
    if (generations.get(target) !== generation) return
    const end = Math.min(items.length, at + size)
    const frag = target.ownerDocument!.createDocumentFragment()
    for (; at < end; at++) frag.append(make(items[at]!))
    target.append(frag)
    if (at < items.length) schedule(slice)
    else options.done?.()
  }
  target.replaceChildren()
  slice()
}
