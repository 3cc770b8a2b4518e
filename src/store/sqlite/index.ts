import { Kysely, SqliteDialect } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import type { CheckResult } from '../../domain/check-result';
import { migrateToLatest } from '../migrations';
import type { RetentionPolicy, Store } from '../ports';
import type { Database } from '../schema';
import * as results from '../kysely/results';
import * as rollups from '../kysely/rollups';
import * as retention from '../kysely/retention';
import { createGridReads } from './grid-reads';
import { createBatchWriter } from './write-batch';
import { kyselyAlertStore, writeAlerts } from '../kysely/alerts';
import { kyselyHeartbeatStore } from '../kysely/heartbeats';
import { kyselyAuthStore } from '../kysely/auth';
import { kyselyDisparityStore, replaceDisparities, type DisparityWrites } from '../kysely/disparities';
import { kyselyRemediationStore } from '../kysely/remediation';
import { createPingWriter } from './ping-writer';
import type { AlertWrites } from '../../notify/outbox';

const isEmpty = (alerts: AlertWrites) => alerts.health.length + alerts.incidents.length + alerts.timeline.length + alerts.outbox.length === 0;
import { databasePath, openDatabase } from './open-database';
import { startCheckpointer } from './checkpointer';

export { defaultRetention } from '../retention';
export { databasePath } from './open-database';

export type SqliteStoreOptions = {
  /** Folder for vigil.db; created when missing. Default `./data`. */
  dataDir?: string;
  /** An explicit database file, instead of `<dataDir>/vigil.db`. */
  file?: string;
};

const yieldToEventLoop = (): Promise<void> => new Promise((done) => setImmediate(done));

/** Free pages worth handing back: a quarter of the file, and at least 4 MB. */
function shouldShrink(db: BetterSqlite3.Database): boolean {
  const free = Number(db.pragma('freelist_count', { simple: true }));
  const pages = Number(db.pragma('page_count', { simple: true }));
  return free >= 1024 && free > pages / 4;
}

/** Opens (creating if needed) the SQLite store and applies pending migrations. */
export async function openSqliteStore(options: SqliteStoreOptions = {}): Promise<Store> {
  const file = databasePath(options);
  const sqlite = openDatabase(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Prepared after migrations: the statements need the tables.
  const writer = createBatchWriter(sqlite);
  const writePingBatch = createPingWriter(sqlite);
  const gridReads = createGridReads(sqlite);
  // Checkpoints move to a worker thread; the writer's own auto-checkpoint
  // becomes a backstop that only fires if the WAL passes ~64 MB.
  sqlite.pragma('wal_autocheckpoint = 16384');
  const checkpointer = startCheckpointer(file);
  let closed: Promise<void> | undefined;

  return {
    ...kyselyAlertStore(db),
    ...kyselyHeartbeatStore(db),
    ...kyselyAuthStore(db),
    ...kyselyDisparityStore(db),
    ...kyselyRemediationStore(db),
    // Under kysely's connection lock, like insertResults: never inside another caller's open transaction.
    writePings: (pings, states) => db.connection().execute(async () => writePingBatch(pings, states)),
    // better-sqlite3 is synchronous: the whole batch commits before this returns.
    insertResults: async (batch: CheckResult[], alerts?: AlertWrites, disparities?: DisparityWrites) => {
      if ((!alerts || isEmpty(alerts)) && !disparities?.size) {
        // Under kysely's connection lock, so a batch never lands inside a
        // transaction another caller has open on this connection.
        if (batch.length > 0) await db.connection().execute(async () => writer.write(batch));
        return;
      }
      // One transaction for the results and the alerts they caused. The batch
      // writer's own transaction nests as a savepoint inside kysely's, on the same connection.
      let committed = (): void => undefined;
      await db.transaction().execute(async (trx) => {
        if (batch.length > 0) committed = writer.writeWithin(batch);
        if (alerts) await writeAlerts(trx, alerts);
        if (disparities?.size) await replaceDisparities(trx, disparities);
      });
      // Only now may the writer keep what it learnt about these series.
      committed();
    },
    listResults: (query) => results.listResults(db, query),
    latestResults: () => results.latestResults(db),
    lastRuns: () => results.lastRuns(db),
    // Under kysely's connection lock, like every other use of the connection.
    latestRuns: () => db.connection().execute(async () => gridReads.latestRuns()),
    healthStates: () => db.connection().execute(async () => gridReads.healthStates()),
    uptime: (window, filter) => rollups.uptime(db, window, filter),
    buckets: (checkId, deployment, window, resolution) => rollups.buckets(db, checkId, deployment, window, resolution),

    async applyRetention(policy: RetentionPolicy, now: number) {
      const counts = await retention.applyRetention(db, policy, now, yieldToEventLoop);
      if (counts.results + counts.minuteRollups + counts.hourRollups === 0) return counts;
      // Freed pages are reused by later inserts anyway; only a large drop
      // (a shorter policy, removed checks) is worth giving back to the disk,
      // a slice at a time so writers get turns.
      // Each step under kysely's connection lock: never inside another caller's transaction.
      const step = <T>(work: () => T): Promise<T> => db.connection().execute(async () => work());
      while (await step(() => shouldShrink(sqlite))) {
        await step(() => sqlite.exec('PRAGMA incremental_vacuum(2000)'));
        await yieldToEventLoop();
      }
      // Retention wrote a lot of WAL; fold it in and cut the file back to zero.
      await step(() => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
      return counts;
    },

    migrate: () => migrateToLatest(db, 'sqlite'),

    close() {
      // The worker's connection goes first, so the writer's close is the last
      // one: SQLite then checkpoints everything and removes the WAL.
      closed ??= checkpointer.stop().then(() => db.destroy());
      return closed;
    },

    async sizeBytes() {
      const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
      return sizeOf(file) + sizeOf(`${file}-wal`);
    },
  };
}
