/**
 * A binary min-heap of jobs by due time: O(log n) to take the next due job among thousands.
 * It keeps each item's heap index by key (updated on every swap), so finding, moving
 * (`reschedule`) and removing one job are O(log n) too instead of a scan and a rebuild.
 */
export class DueQueue<T extends { dueAt: number }> {
  private readonly heap: T[] = [];
  private readonly indexOf = new Map<string, number>();

  constructor(private readonly keyOf: (item: T) => string) {}

  get size(): number {
    return this.heap.length;
  }

  /** Adds an item; an item with the same key must not already be queued. */
  push(item: T): void {
    const key = this.keyOf(item);
    if (this.indexOf.has(key)) throw new Error(`DueQueue: "${key}" is already queued`);
    this.heap.push(item);
    this.indexOf.set(key, this.heap.length - 1);
    this.up(this.heap.length - 1);
  }

  /** Items in heap order (not sorted). */
  values(): readonly T[] {
    return this.heap;
  }

  get(key: string): T | undefined {
    const index = this.indexOf.get(key);
    return index === undefined ? undefined : this.heap[index];
  }

  has(key: string): boolean {
    return this.indexOf.has(key);
  }

  /** Changes one item's due time and restores heap order around it alone. */
  reschedule(key: string, dueAt: number): boolean {
    const index = this.indexOf.get(key);
    if (index === undefined) return false;
    const item = this.heap[index]!;
    const earlier = dueAt < item.dueAt;
    item.dueAt = dueAt;
    if (earlier) this.up(index);
    else this.down(index);
    return true;
  }

  /** Takes one item out of the queue wherever it sits. */
  remove(key: string): T | undefined {
    const index = this.indexOf.get(key);
    if (index === undefined) return undefined;
    const item = this.heap[index]!;
    const last = this.heap.pop()!;
    this.indexOf.delete(key);
    if (index < this.heap.length) {
      // The last item fills the hole; it may belong above or below it.
      this.place(last, index);
      this.up(index);
      this.down(this.indexOf.get(this.keyOf(last))!);
    }
    return item;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  pop(): T | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    return this.remove(this.keyOf(top));
  }

  private place(item: T, index: number): void {
    this.heap[index] = item;
    this.indexOf.set(this.keyOf(item), index);
  }

  private swap(a: number, b: number): void {
    const itemA = this.heap[a]!;
    this.place(this.heap[b]!, a);
    this.place(itemA, b);
  }

  private up(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.dueAt <= heap[index]!.dueAt) return;
      this.swap(parent, index);
      index = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && heap[left]!.dueAt < heap[smallest]!.dueAt) smallest = left;
      if (right < heap.length && heap[right]!.dueAt < heap[smallest]!.dueAt) smallest = right;
      if (smallest === index) return;
      this.swap(smallest, index);
      index = smallest;
    }
  }
}
