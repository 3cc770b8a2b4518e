import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRetention, openSqliteStore } from '../src/store/sqlite';
import { result, runStoreContract } from './store.contract';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const T0 = Date.UTC(2025, 0, 6, 12);

runStoreContract({
  name: 'sqlite',
  newStore: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'));
    const store = await openSqliteStore({ dataDir: dir });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

describe('SQLite store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-sqlite-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data folder and opens vigil.db in WAL mode with incremental vacuum', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = await openSqliteStore({ dataDir });
    await store.close();
    const db = new Database(join(dataDir, 'vigil.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('names the folder when the data folder cannot be written', async () => {
    writeFileSync(join(dir, 'file.txt'), 'not a folder');
    const dataDir = join(dir, 'file.txt', 'sub');
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(`data folder ${dataDir} is not writable: ENOTDIR`);
  });

  it('keeps data across close and reopen', async () => {
    const first = await openSqliteStore({ dataDir: dir });
    await first.insertResults([result({ startedAt: T0 }), result({ startedAt: T0 + 1, ok: false })]);
    await first.close();
    await first.close();

    const second = await openSqliteStore({ dataDir: dir });
    try {
      expect(await second.listResults({})).toHaveLength(2);
      expect(await second.lastRuns()).toEqual([{ checkId: 'home', deployment: 'primary', lastStartedAt: T0 + 1 }]);
      expect(await second.uptime({ from: T0, to: T0 + 60_000 })).toMatchObject([{ runs: 2, failures: 1 }]);
    } finally {
      await second.close();
    }
  });

  it('loses nothing it acknowledged when the process is killed with SIGKILL', async () => {
    const script = join(dir, 'write-then-die.mts');
    writeFileSync(
      script,
      `import { openSqliteStore } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'src/store/sqlite/index.ts')).href)};
const store = await openSqliteStore({ dataDir: process.argv[2] });
const results = Array.from({ length: 500 }, (_, i) => ({
  checkId: 'c' + (i % 10), deployment: 'primary', location: 'local', startedAt: ${T0} + i * 1000, ok: i % 7 !== 0, durationMs: i, assertions: [],
}));
await store.insertResults(results);
await store.insertResults([{ ...results[0], checkId: 'last', startedAt: ${T0} }]);
process.stdout.write('written\\n');
process.kill(process.pid, 'SIGKILL');
`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, dir], { cwd: repoRoot, encoding: 'utf8', timeout: 50_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('written\n');
    expect(child.signal).toBe('SIGKILL');

    const store = await openSqliteStore({ dataDir: dir });
    try {
      expect(await store.listResults({ limit: 1_000 })).toHaveLength(501);
      expect(await store.lastRuns()).toHaveLength(11);
      const uptime = await store.uptime({ from: T0, to: T0 + 3_600_000 }, { checkIds: ['c0'] });
      expect(uptime).toMatchObject([{ runs: 50, failures: 8 }]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('keeps rollups exact when a batch written with its alerts rolls back, and when it commits', async () => {
    const store = await openSqliteStore({ dataDir: dir });
    try {
      const minute = (n: number, ok = true) => result({ startedAt: T0 + n * 60_000, ok });
      await store.insertResults([minute(0), minute(1)]);
      // A health row without a state breaks the alert writes, so the whole transaction, results included, rolls back.
      const broken = { health: [{ checkId: 'home', deployment: 'primary', health: { state: null } }], incidents: [], timeline: [], outbox: [] };
      await expect(store.insertResults([minute(2, false), minute(3, false)], broken as never)).rejects.toThrow();
      await store.insertResults([minute(4), minute(5, false)]);
      const fine = { health: [{ checkId: 'home', deployment: 'primary', health: { state: 'down', since: T0 } }], incidents: [], timeline: [], outbox: [] };
      await store.insertResults([minute(6, false)], fine as never);
      await store.insertResults([minute(7)]);
      expect(await store.listResults({})).toHaveLength(6);
      expect(await store.uptime({ from: T0, to: T0 + 3_600_000 })).toMatchObject([{ runs: 6, failures: 2 }]);
      expect(await store.uptime({ from: T0 + 3 * 60_000, to: T0 + 3_600_000 })).toMatchObject([{ runs: 4, failures: 2 }]);
      expect(await store.uptime({ from: T0 + 6 * 60_000, to: T0 + 8 * 60_000 })).toMatchObject([{ runs: 2, failures: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('gives space back to the disk after retention deletes most of the data', async () => {
    const store = await openSqliteStore({ dataDir: dir });
    try {
      const details = { body: 'x'.repeat(400) };
      for (let batch = 0; batch < 40; batch++) {
        await store.insertResults(
          Array.from({ length: 500 }, (_, i) => result({ checkId: `c${i % 50}`, startedAt: T0 + (batch * 500 + i) * 1_000, details })),
        );
      }
      const before = await store.sizeBytes();
      const now = T0 + 500 * 86_400_000;
      const removed = await store.applyRetention(defaultRetention, now);
      expect(removed.results).toBe(20_000);
      const after = await store.sizeBytes();
      expect(after).toBeLessThan(before / 2);
    } finally {
      await store.close();
    }
  });
});
