import type { CleanupContext } from '../../src/browser/flow-api';

/**
 * A cleanup hook for declarative flows (`cleanup: { script: "../flows/empty-cart.ts" }`):
 * removes every line of this run's cart through the store's cart API.
 */
export async function cleanup({ request }: CleanupContext): Promise<void> {
  const cart = (await (await request.get('/api/cart')).json()) as { items: { slug: string }[] };
  for (const item of cart.items) {
    const removed = await request.delete('/api/cart', { data: { slug: item.slug } });
    if (!removed.ok()) throw new Error(`could not remove ${item.slug}: ${removed.status()}`);
  }
}
