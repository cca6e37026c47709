// One reusable heap area per purpose (call input, results, key scratch): it grows to the
// largest size asked for and is never shrunk. Contents are not kept across a grow, so a
// caller reserves before writing, and JS re-creates its memory views after the call.

/** A growable scratch area on the raw heap. */
export class Scratch {
  ptr: usize = 0
  cap: i32 = 0
  min: i32

  /** @param min the smallest size allocated, so small requests do not reallocate often */
  constructor(min: i32) {
    this.min = min
  }

  /** A pointer to at least `size` bytes; earlier contents are gone if it had to grow. */
  reserve(size: i32): usize {
    if (size > this.cap) {
      if (this.ptr != 0) heap.free(this.ptr)
      this.cap = size < this.min ? this.min : size
      this.ptr = heap.alloc(<usize>this.cap)
    }
    return this.ptr
  }
}
