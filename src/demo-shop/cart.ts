import { randomUUID } from 'node:crypto';

export const maxQuantity = 99;
const maxLinesPerCart = 50;

export type CartLines = Map<string, number>;

/**
 * Carts live in memory, one store per deployment. Monitors create a cart on
 * every flow run, so the store is capped and evicts the least recently used
 * cart (Map keeps insertion order; touching a cart re-inserts it).
 */
export class CartStore {
  readonly #carts = new Map<string, CartLines>();

  constructor(readonly capacity = 10_000) {}

  get size(): number {
    return this.#carts.size;
  }

  get(id: string | null | undefined): CartLines | undefined {
    if (!id) return undefined;
    const lines = this.#carts.get(id);
    if (lines) {
      this.#carts.delete(id);
      this.#carts.set(id, lines);
    }
    return lines;
  }

  /** Returns the visitor's cart, creating one (with a new id) when the cookie names none we know. */
  getOrCreate(id: string | null | undefined): { id: string; lines: CartLines; created: boolean } {
    const existing = this.get(id);
    if (existing && id) return { id, lines: existing, created: false };
    const newId = randomUUID();
    const lines: CartLines = new Map();
    this.#carts.set(newId, lines);
    while (this.#carts.size > this.capacity) {
      const oldest = this.#carts.keys().next().value;
      if (oldest === undefined) break;
      this.#carts.delete(oldest);
    }
    return { id: newId, lines, created: true };
  }

  clear(): void {
    this.#carts.clear();
  }
}

export type CartChange =
  | { op: 'add'; slug: string; quantity: number }
  | { op: 'set'; slug: string; quantity: number }
  | { op: 'remove'; slug: string };

/** Applies a change; returns an error message when the cart is full. */
export function applyCartChange(lines: CartLines, change: CartChange): string | null {
  if (change.op === 'remove') {
    lines.delete(change.slug);
    return null;
  }
  const current = lines.get(change.slug) ?? 0;
  const wanted = change.op === 'add' ? current + change.quantity : change.quantity;
  if (wanted <= 0) {
    lines.delete(change.slug);
    return null;
  }
  if (current === 0 && lines.size >= maxLinesPerCart) return `a cart holds at most ${maxLinesPerCart} products`;
  lines.set(change.slug, Math.min(wanted, maxQuantity));
  return null;
}

export function cartItemCount(lines: CartLines | undefined): number {
  let count = 0;
  for (const quantity of lines?.values() ?? []) count += quantity;
  return count;
}
