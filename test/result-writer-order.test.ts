import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/domain/check-result';
import type { Disparity } from '../src/evaluate/disparity';
import type { Incident } from '../src/incidents/model';
import { silentLogger } from '../src/log/logger';
import { ResultWriter } from '../src/monitor/result-writer';
import { emptyWrites, type AlertWrites } from '../src/notify/outbox';
import { openSqliteStore } from '../src/store/sqlite';
import type { ResultStore, Store } from '../src/store/ports';

/**
 * The disparity watch used to write its incident rows directly, after
 * flushing the writer; but a flush under way returns without the results
 * added meanwhile, so a later batch could carry an older copy of the same
 * incident and undo the disparity's. Now disparities and reminders join the
 * writer's ordered batches: whatever the timing, the newest copy is stored.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = 1_700_000_000_000;
const incident = (title: string, members: string[]): Incident => ({
  id: 1,
  deployment: 'backup',
  title,
  status: 'open',
  severity: 'critical',
  firstFailureAt: at,
  openedAt: at,
  members: members.map((checkId) => ({ checkId, deployment: 'backup', since: at, lastError: 'failing' })),
  remindersSent: 0,
  escalationLevel: 0,
} as Incident);
const writesOf = (copy: Incident, statusChanged = false): AlertWrites => ({ ...emptyWrites(), incidents: [{ incident: copy, statusChanged }] });
const result = (startedAt: number): CheckResult => ({ checkId: 'product', deployment: 'backup', location: 'local', startedAt, ok: false, durationMs: 5, error: 'failing', assertions: [] });
const disparity: Disparity = {
  checkId: 'product',
  kind: 'content',
  subject: 'price',
  suspect: 'backup',
  reference: 'production',
  suspectValue: '$245.00',
  referenceValue: '$235.00',
  firstSeenAt: at,
  confirmations: 2,
  comparedAt: { suspect: at, reference: at },
  raisedAt: at,
};

describe('the result writer orders every incident write of the monitor', () => {
  it('stores a disparity’s newer incident copy after results added while a batch was in flight', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-writer-order-'));
    const store: Store = await openSqliteStore({ dataDir });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => store.close());
    // A store whose first batch is held in flight until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const gated: ResultStore = {
      insertResults: async (results, alerts, disparities) => {
        if (batches++ === 0) await held;
        await store.insertResults(results, alerts, disparities);
      },
      listResults: (query) => store.listResults(query),
      latestResults: () => store.latestResults(),
    };
    const writer = new ResultWriter(gated, silentLogger(), { flushEveryMs: 60_000 });

    writer.add(result(at), writesOf(incident('backup is down: product', ['product']), true));
    const inFlight = writer.flush();
    // A result evaluated while the first batch is in flight: its copy of the incident is older than the disparity's.
    writer.add(result(at + 1_000), writesOf(incident('backup is down: product', ['product'])));
    writer.addWrites(writesOf(incident('backup is down: product, disparity', ['product', 'disparity:product'])), new Map([['product', [disparity]]]));
    release();
    await inFlight;
    await writer.close();

    const stored = await store.getIncident(1);
    expect(stored?.title).toBe('backup is down: product, disparity');
    expect(stored?.members.map((m) => m.checkId)).toEqual(['product', 'disparity:product']);
    expect(await store.listDisparities()).toEqual([disparity]);
    expect(await store.listResults({ checkId: 'product' })).toHaveLength(2);
  });
});

describe('the result writer after a commit', () => {
  it('keeps a committed batch committed when a listener throws: written once, nothing left pending', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-writer-listener-'));
    const store: Store = await openSqliteStore({ dataDir });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => store.close());
    const writer = new ResultWriter(store, silentLogger(), {
      onWritten: () => {
        throw new Error('a dashboard listener broke');
      },
    });
    writer.add(result(at), emptyWrites());
    writer.add(result(at + 1_000), emptyWrites());
    await writer.flush();
    await writer.flush();
    expect(writer.pendingCount).toBe(0);
    expect(await store.listResults({ checkId: 'product', limit: 10 })).toHaveLength(2);
  });
});
