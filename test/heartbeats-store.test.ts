import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ping } from '../src/heartbeats/model';
import { applyPing, newState } from '../src/heartbeats/state';
import type { HeartbeatStore } from '../src/heartbeats/store-port';
import { emptyWrites } from '../src/notify/outbox';
import { kyselyHeartbeatStore } from '../src/store/kysely/heartbeats';
import { migrateToLatest } from '../src/store/migrations';
import type { Database } from '../src/store/schema';
import { openDatabase } from '../src/store/sqlite/open-database';
import { openSqliteStore } from '../src/store/sqlite';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The SQLite store (prepared statements) and the plain kysely port (what PostgreSQL will use) must store the same thing. */
const adapters: [string, () => Promise<HeartbeatStore>][] = [
  ['sqlite store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-hb-store-'));
    const store = await openSqliteStore({ dataDir });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => store.close());
    return store;
  }],
  ['kysely port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-hb-kysely-'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openDatabase(join(dataDir, 'vigil.db')) }) });
    await migrateToLatest(db, 'sqlite');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => db.destroy());
    return kyselyHeartbeatStore(db);
  }],
];

describe.each(adapters)('heartbeat store: %s', (_name, open) => {
  it('stores pings with their state, keeps watchedSince and the evaluation mark apart from ping writes', async () => {
    const store = await open();
    await store.markEvaluated([{ heartbeatId: 'hb-1', watchedSince: 500, key: '' }], emptyWrites());
    const pings: Ping[] = [
      { heartbeatId: 'hb-1', at: 1_000, kind: 'start', runId: 'r', truncated: false, method: 'GET', sourceIp: '10.0.0.1', userAgent: 'curl' },
      { heartbeatId: 'hb-1', at: 4_000, kind: 'exit', exitCode: 2, runId: 'r', body: 'x'.repeat(10), truncated: true, method: 'POST' },
    ];
    const state = pings.reduce(applyPing, newState('hb-1', 1_000));
    await store.writePings(pings, [state]);
    await store.markEvaluated([{ heartbeatId: 'hb-1', watchedSince: 0, key: 'fail:4000' }], emptyWrites());
    await store.writePings([{ heartbeatId: 'hb-1', at: 5_000, kind: 'success', truncated: false, method: 'HEAD' }], [applyPing(state, { heartbeatId: 'hb-1', at: 5_000, kind: 'success', truncated: false, method: 'HEAD' })]);
    const [stored] = await store.heartbeatStates();
    expect(stored).toMatchObject({ heartbeatId: 'hb-1', watchedSince: 500, evaluatedKey: 'fail:4000', lastSuccessAt: 5_000, lastFailureAt: 4_000, pings: 3, openRuns: {} });
    expect(await store.countPings()).toBe(3);
    const listed = await store.listPings({ heartbeatId: 'hb-1' });
    expect(listed.map((p) => p.kind)).toEqual(['success', 'exit', 'start']);
    expect(listed[1]).toMatchObject({ exitCode: 2, runId: 'r', truncated: true, body: 'xxxxxxxxxx', method: 'POST' });
    expect(listed[2]).toMatchObject({ sourceIp: '10.0.0.1', userAgent: 'curl' });
  });

  it('prunes pings older than a moment, in chunks, and keeps the newer ones', async () => {
    const store = await open();
    const pings: Ping[] = Array.from({ length: 12_000 }, (_, i) => ({ heartbeatId: 'hb-prune-0000000001', at: i, kind: 'success', truncated: false, method: 'GET' }));
    await store.writePings(pings, []);
    expect(await store.prunePings(11_000)).toBe(11_000);
    expect(await store.countPings()).toBe(1_000);
    expect(await store.prunePings(11_000)).toBe(0);
  });
});
