import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import { startDemoShops } from '../src/demo-shop';
import { silentLogger } from '../src/log/logger';
import { startMonitor, type Monitor } from '../src/monitor/monitor';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store, StoredResult } from '../src/store/ports';
import { untilWithin } from './support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = untilWithin(8_000);

/** The demo store's two deployments watched by a real monitor writing to a real SQLite file; the clock is ours to move. */
async function watchDemoStore(checks: unknown[]) {
  const shops = await startDemoShops({ productCount: 200 });
  cleanups.push(() => shops.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-monitor-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const { config, problems } = resolveConfig(
    {
      site: { name: 'test' },
      deployments: [
        { name: 'production', baseUrl: shops.primary.url, role: 'primary' },
        { name: 'backup', baseUrl: shops.backup.url, role: 'backup' },
      ],
      defaults: { interval: '10s', timeout: '2s' },
      checks,
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(problems).toEqual([]);
  const store: Store = await openSqliteStore({ dataDir });
  cleanups.push(() => store.close());
  let offset = 0;
  const monitor: Monitor = await startMonitor({ config: config!, store, log: silentLogger(), now: () => Date.now() + offset, startupSpreadMs: 100 });
  cleanups.push(() => monitor.stop());
  const latest = async (checkId: string, deployment: string, predicate: (r: StoredResult) => boolean) => {
    await monitor.writer.flush();
    const [result] = await store.listResults({ checkId, deployment, limit: 1 });
    return result && predicate(result) ? result : undefined;
  };
  return { shops, store, monitor, latest, advance: (ms: number) => (offset += ms) };
}

describe('the monitor against the demo store', () => {
  it('runs every check on every deployment, stores the results, and a fault fails the right check within one interval', async () => {
    const { shops, latest, advance, monitor } = await watchDemoStore([
      { name: 'home', kind: 'http', path: '/', assertions: [{ status: 200 }] },
      { name: 'price', kind: 'http', path: `/api/products/${'weekend-cotton-turtleneck'}`, assertions: [{ jsonPath: { path: '$.price', equals: 235 } }] },
      { name: 'port', kind: 'tcp' },
    ]);
    expect(monitor.targets).toHaveLength(6);
    for (const check of ['home', 'price', 'port']) {
      for (const deployment of ['production', 'backup']) await until(() => latest(check, deployment, (r) => r.ok), `${check} on ${deployment} to pass`);
    }

    shops.backup.setFaults({ errorStatus: 503 });
    shops.primary.setFaults({ priceDelta: 5 });
    advance(10_000);
    const home = await until(() => latest('home', 'backup', (r) => !r.ok), 'home on backup to fail');
    expect(home.error).toMatch(/503/);
    const price = await until(() => latest('price', 'production', (r) => !r.ok), 'price on production to fail');
    expect(price.assertions.find((a) => !a.ok)?.actual).toBe('240');
    expect((await latest('home', 'production', () => true))?.ok).toBe(true);
  });

  it('keeps running the other checks when one target hangs or sends garbage', async () => {
    const { shops, latest, advance } = await watchDemoStore([
      { name: 'home', kind: 'http', path: '/', timeout: '1s' },
      { name: 'cart', kind: 'http', path: '/api/cart' },
    ]);
    await until(() => latest('cart', 'production', (r) => r.ok), 'cart to pass');
    shops.backup.setFaults({ timeout: true });
    shops.primary.setFaults({ garbage: true });
    advance(10_000);
    const hung = await until(() => latest('home', 'backup', (r) => !r.ok), 'the hung check to fail');
    expect(hung.error).toMatch(/time/i);
    const garbage = await until(() => latest('home', 'production', (r) => !r.ok), 'the garbage check to fail');
    expect(garbage.error).toBeTruthy();
    shops.backup.resetFaults();
    shops.primary.resetFaults();
    // Let monitor time run on (a second per probe) until the next runs come.
    await until(() => {
      advance(1_000);
      return latest('cart', 'backup', (r) => r.ok && r.startedAt > hung.startedAt);
    }, 'the other checks to go on');
  });
});
