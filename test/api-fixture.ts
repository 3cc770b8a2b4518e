import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VigilConfig } from '../src/config/model';
import { resolveConfig } from '../src/config/validate';
import type { CheckResult } from '../src/domain/check-result';
import type { TargetHealth } from '../src/evaluate/confirmation';
import { createApp } from '../src/server/app';
import { apiToken } from './support/auth';
import { LiveEventHub } from '../src/server/live-events';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';

/**
 * A config with three checks on two deployments (one in a maintenance
 * window), a heartbeat, a status page, and a real SQLite store in a temp dir.
 */
export const HEARTBEAT_ID = 'nightly-backup-0123456789abcdef';

export function fixtureConfig(dataDir: string, extra: Record<string, unknown> = {}): VigilConfig {
  const now = Date.now();
  const resolved = resolveConfig(
    {
      site: { name: 'Fixture shop' },
      deployments: [
        { name: 'production', baseUrl: 'https://shop.internal-host.example', provider: 'netlify' },
        { name: 'backup', baseUrl: 'https://backup.internal-host.example', role: 'backup' },
      ],
      pageTypes: { product: { paths: ['/products/parka', '/products/boots'] }, checkout: { paths: ['/checkout'] }, home: { paths: ['/'] } },
      checks: [
        { name: 'home page', kind: 'http', pageType: 'home', tags: ['storefront'] },
        { name: 'product page', kind: 'http', pageType: 'product', tags: ['storefront', 'catalog'] },
        { name: 'checkout page', kind: 'http', pageType: 'checkout', tags: ['checkout'] },
      ],
      maintenance: [{ name: 'backup upgrade', from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 3_600_000).toISOString(), deployments: ['backup'], checks: ['home page'] }],
      heartbeats: [{ name: 'nightly backup', id: HEARTBEAT_ID, period: '1h', grace: '5m', tags: ['jobs'] }],
      statusPage: {
        title: 'Fixture shop status',
        components: [
          { name: 'Storefront', description: 'Browsing the shop', tags: ['storefront'] },
          { name: 'Checkout', pageTypes: ['checkout'] },
        ],
      },
      storage: { dataDir },
      ...extra,
    },
    join(dataDir, 'vigil.yaml'),
  );
  if (!resolved.config) throw new Error(JSON.stringify(resolved.problems));
  return resolved.config;
}

export const health = (state: TargetHealth['state'], extra: Partial<TargetHealth> = {}): TargetHealth => ({
  state,
  since: Date.now() - 60_000,
  consecutiveFailures: 0,
  consecutivePasses: 0,
  consecutiveSlow: 0,
  recent: '',
  locations: {},
  ...extra,
});

export const result = (checkId: string, deployment: string, startedAt: number, ok: boolean, extra: Partial<CheckResult> = {}): CheckResult => ({
  checkId,
  deployment,
  location: 'local',
  startedAt,
  ok,
  durationMs: ok ? 120 : 30,
  error: ok ? undefined : 'status 503 from https://shop.internal-host.example/checkout',
  assertions: [],
  phases: { dns: 2, connect: 4, tls: 10, firstByte: 80, download: 20, total: 120 },
  ...extra,
});

export type Fixture = { dataDir: string; config: VigilConfig; store: Store; app: ReturnType<typeof createApp>; events: LiveEventHub; close(): Promise<void> };

export async function openFixture(extra: Record<string, unknown> = {}): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-api-read-'));
  const config = fixtureConfig(dataDir, extra);
  const store = await openSqliteStore({ dataDir });
  const events = new LiveEventHub();
  const unauthenticated = createApp({ config, store, registries: [], events });
  // Requests carry a write token unless a test sends its own Authorization header.
  const token = await apiToken(store, 'write', 'fixture');
  const app: typeof unauthenticated = Object.create(unauthenticated);
  app.request = (input, init, ...rest) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return unauthenticated.request(input, { ...init, headers }, ...rest);
  };
  return {
    dataDir,
    config,
    store,
    app,
    events,
    close: async () => {
      events.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function writeArtifact(dataDir: string, relative: string, content: Buffer | string): void {
  const file = join(dataDir, 'artifacts', relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
}
