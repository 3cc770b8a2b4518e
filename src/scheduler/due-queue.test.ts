import { describe, expect, it } from 'vitest';
import { DueQueue } from './due-queue';

type Item = { key: string; dueAt: number };

/** Every parent is due no later than its children, and the key index points at each item's slot. */
function expectHeapOrder(queue: DueQueue<Item>): void {
  const heap = queue.values();
  for (let index = 1; index < heap.length; index++) {
    expect(heap[(index - 1) >> 1]!.dueAt).toBeLessThanOrEqual(heap[index]!.dueAt);
  }
  for (const item of heap) expect(queue.get(item.key)).toBe(item);
}

/** A small deterministic PRNG so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('DueQueue', () => {
  it('keeps heap order and its key index through pushes, reschedules, removals and pops', () => {
    const next = random(7);
    const queue = new DueQueue<Item>((item) => item.key);
    for (let index = 0; index < 2_000; index++) queue.push({ key: `job-${index}`, dueAt: Math.floor(next() * 1_000_000) });
    expectHeapOrder(queue);
    for (let step = 0; step < 500; step++) {
      const key = `job-${Math.floor(next() * 2_000)}`;
      if (!queue.has(key)) continue;
      if (step % 3 === 0) queue.remove(key);
      else queue.reschedule(key, Math.floor(next() * 1_000_000));
    }
    expectHeapOrder(queue);
    let previous = -Infinity;
    const seen = new Set<string>();
    for (let item = queue.pop(); item; item = queue.pop()) {
      expect(item.dueAt).toBeGreaterThanOrEqual(previous);
      expect(seen.has(item.key)).toBe(false);
      seen.add(item.key);
      previous = item.dueAt;
    }
    expect(queue.size).toBe(0);
  });

  it('refuses a second item with the same key', () => {
    const queue = new DueQueue<Item>((item) => item.key);
    queue.push({ key: 'a', dueAt: 1 });
    expect(() => queue.push({ key: 'a', dueAt: 2 })).toThrow(/already queued/);
  });
});
