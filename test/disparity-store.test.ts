import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Disparity } from '../src/evaluate/disparity';
import { emptyWrites } from '../src/notify/outbox';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';

/** The disparities port on a real SQLite file: replaced per check, kept across a reopen, written with their alerts. */
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(dir?: string) {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'vigil-disparity-store-'));
  if (!dir) dirs.push(dataDir);
  const store = await openSqliteStore({ dataDir });
  stores.push(store);
  return { store, dataDir };
}

const disparity = (overrides: Partial<Disparity>): Disparity => ({
  checkId: 'product',
  kind: 'content',
  subject: 'price',
  suspect: 'backup',
  reference: 'production',
  suspectValue: '$245.00',
  referenceValue: '$235.00',
  firstSeenAt: 1_000,
  confirmations: 2,
  comparedAt: { suspect: 900, reference: 950 },
  ...overrides,
});

describe('disparity store', () => {
  it('replaces the disparities of the given checks only, and keeps them across a reopen', async () => {
    const { store, dataDir } = await open();
    await store.saveDisparities(['product', 'build'], [disparity({ raisedAt: 2_000 }), disparity({ checkId: 'build', subject: 'build id', suspectValue: 'old', referenceValue: 'b-1' })], emptyWrites());
    await store.saveDisparities(['product'], [disparity({ kind: 'status', subject: 'status', suspectValue: 'fails (status 500)', referenceValue: 'passes' })], emptyWrites());
    await store.close();
    stores.splice(0);
    const reopened = (await open(dataDir)).store;
    const list = await reopened.listDisparities();
    expect(list.map((d) => [d.checkId, d.kind, d.subject])).toEqual([['build', 'content', 'build id'], ['product', 'status', 'status']]);
    expect(list[0]).toEqual(disparity({ checkId: 'build', subject: 'build id', suspectValue: 'old', referenceValue: 'b-1' }));
    await reopened.saveDisparities(['product', 'build'], [], emptyWrites());
    expect(await reopened.listDisparities()).toEqual([]);
  });

  it('writes the alert writes in the same call', async () => {
    const { store } = await open();
    const writes = emptyWrites();
    const health = { state: 'down' as const, since: 5, consecutiveFailures: 3, consecutivePasses: 0, consecutiveSlow: 0, recent: '000', locations: {} };
    writes.health.push({ checkId: 'disparity:product', deployment: 'backup', health });
    await store.saveDisparities(['product'], [disparity({ raisedAt: 2_000 })], writes);
    expect(await store.loadHealth()).toEqual([{ checkId: 'disparity:product', deployment: 'backup', health }]);
    expect((await store.listDisparities())[0]!.raisedAt).toBe(2_000);
  });
});
