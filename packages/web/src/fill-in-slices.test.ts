import { describe, expect, it } from 'vitest'
import { fillInSlices } from './fill-in-slices.ts'

// A container with just the DOM calls fillInSlices makes (Node has no DOM; the page
// itself is exercised in Chromium by test/browser).
class List {
  children: string[] = []
  appends: number[] = []
  ownerDocument = { createDocumentFragment: () => new Frag() }
  append(f: Frag) {
    this.appends.push(f.items.length)
    this.children.push(...f.items)
  }
  replaceChildren() {
    this.children = []
  }
}
class Frag {
  items: string[] = []
  append(x: string) {
    this.items.push(x)
  }
}

function run(queue: (() => void)[]) {
  while (queue.length) queue.shift()!()
}

describe('fillInSlices', () => {
  it('appends at most one slice per task, in order, and says when it is done', () => {
    const list = new List()
    const queue: (() => void)[] = []
    let done = 0
    const items = Array.from({ length: 123 }, (_, i) => `row ${i}`)
    fillInSlices(list as never, items, (s) => s as never, { size: 50, schedule: (f) => queue.push(f), done: () => done++ })
    // The first slice is in before the call returns; the rest wait for later tasks.
    expect(list.children).toHaveLength(50)
    expect(done).toBe(0)
    run(queue)
    expect(list.appends).toEqual([50, 50, 23])
    expect(list.children).toEqual(items)
    expect(done).toBe(1)
  })

  it('a newer fill of the same container cancels the slices the older one still had', () => {
    const list = new List()
    const queue: (() => void)[] = []
    const done: string[] = []
    fillInSlices(list as never, ['a1', 'a2', 'a3', 'a4'], (s) => s as never, { size: 2, schedule: (f) => queue.push(f), done: () => done.push('a') })
    fillInSlices(list as never, ['b1', 'b2', 'b3'], (s) => s as never, { size: 2, schedule: (f) => queue.push(f), done: () => done.push('b') })
    run(queue)
    expect(list.children).toEqual(['b1', 'b2', 'b3'])
    expect(done).toEqual(['b'])
  })

  it('an empty list clears the container and is done at once', () => {
    const list = new List()
    list.children = ['old']
    let done = false
    fillInSlices(list as never, [], (s: string) => s as never, { done: () => (done = true) })
    expect(list.children).toEqual([])
    expect(done).toBe(true)
  })
})
