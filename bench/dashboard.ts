/**
 * `npm run bench -- dashboard [--checks 5000] [--days 30] [--requests 200] [--load-runs 20]`:
 * server time of the dashboard's read API over a store the size of a large
 * shop. Generates N http checks × 2 deployments with `days` of history:
 *  - hour rollups for every hour of the history (written in bulk with SQL,
 *    running totals included, as the store's writer would have left them);
 *  - the current hour through the store's batch path (store.insertResults):
 *    3 runs per series, which also fills minute rollups and latest results;
 *  - a stored health per target (≈1 % down, 1 % degraded, 1 % failing unconfirmed);
 *  - about 1 run in 60 failing over the history, more on some days.
 * Then measures in process (app.request, no network) the grid's first page
 * of 50, without and with a filter, and one check's 90-day uptime bars:
 * p50 and p95 over `--requests` each; then the dashboard's first load to
 * interactive in Chromium over a real HTTP server on that store (`--load-runs`,
 * 0 to skip). Progress first, the figures last.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/validate';
import type { CheckResult } from '../src/domain/check-result';
import type { TargetHealth } from '../src/evaluate/confirmation';
import { createApp } from '../src/server/app';
import { openSqliteStore, databasePath } from '../src/store/sqlite';
import type { StoredHealth } from '../src/notify/outbox';
import { numberArg } from './support/args';
import { measureFirstLoad, type FirstLoad } from './support/first-load';
import { addUser, createToken } from '../src/server/auth/accounts';
import { ensureDashboardBuilt } from '../src/server/dashboard';
import { listen } from '../src/server/listen';
import { silentLogger } from '../src/log/logger';

const CHECKS = numberArg('checks', 5_000);
const DAYS = numberArg('days', 30);
const REQUESTS = Math.max(200, numberArg('requests', 200));
const LOAD_RUNS = numberArg('load-runs', 20);
const H = 3_600_000;
const DEPLOYMENTS = ['production', 'backup'];
const PAGE_TYPES = ['home', 'landing', 'collection', 'product', 'cart', 'account', 'checkout', 'search'];
const TAGS = ['storefront', 'catalog', 'checkout', 'content', 'seo', 'api', 'flow', 'eu', 'us', 'mobile'];

const roll = (seq: number): number => ((seq * 2_654_435_761) >>> 0) % 1000;
const log = (message: string) => console.log(`[dashboard] ${message}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-dashboard-'));
try {
  const started = performance.now();
  const checkName = (i: number) => `check ${String(i).padStart(5, '0')} ${PAGE_TYPES[i % PAGE_TYPES.length]}`;
  const resolved = resolveConfig(
    {
      site: { name: 'Bench shop' },
      deployments: [
        { name: 'production', baseUrl: 'https://shop.example' },
        { name: 'backup', baseUrl: 'https://backup.example', role: 'backup' },
      ],
      pageTypes: Object.fromEntries(PAGE_TYPES.map((name) => [name, { paths: [`/${name}`] }])),
      checks: Array.from({ length: CHECKS }, (_, i) => ({
        name: checkName(i),
        kind: 'http',
        path: `/${PAGE_TYPES[i % PAGE_TYPES.length]}/${i}`,
        pageType: PAGE_TYPES[i % PAGE_TYPES.length],
        tags: [TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]],
      })),
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  if (!resolved.config) throw new Error(JSON.stringify(resolved.problems.slice(0, 3)));
  const config = resolved.config;

  // History: hour rollups in bulk, straight into the migrated schema.
  const migrated = await openSqliteStore({ dataDir });
  await migrated.close();
  const now = Date.now();
  const currentHour = Math.floor(now / H) * H;
  const firstHour = currentHour - DAYS * 24 * H;
  const db = new Database(databasePath({ dataDir }));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertSeries = db.prepare('INSERT INTO series (check_id, deployment) VALUES (?, ?) RETURNING id');
  const insertHour = db.prepare(
    'INSERT INTO rollup_hour (series_id, bucket_start, runs, failures, sum_duration_ms, max_duration_ms, cum_runs, cum_failures, cum_duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  let seq = 0;
  const hours = (currentHour - firstHour) / H;
  const writeSeries = db.transaction((checkId: string, deployment: string) => {
    const { id } = insertSeries.get(checkId, deployment) as { id: number };
    let cumRuns = 0;
    let cumFailures = 0;
    let cumDuration = 0;
    for (let h = 0; h < hours; h++) {
      const r = roll(++seq);
      // One run a minute; now and then a bad hour.
      const runs = 60;
      const failures = r < 940 ? (r % 60 === 0 ? 1 : 0) : r < 995 ? 2 + (r % 5) : 30 + (r % 30);
      const sum = runs * (80 + (r % 120));
      cumRuns += runs;
      cumFailures += failures;
      cumDuration += sum;
      insertHour.run(id, firstHour + h * H, runs, failures, sum, 200 + (r % 800), cumRuns, cumFailures, cumDuration);
      rows++;
    }
  });
  for (const check of config.checks) for (const deployment of DEPLOYMENTS) writeSeries(check.id, deployment);
  db.close();
  log(`${config.checks.length} checks × ${DEPLOYMENTS.length} deployments: ${rows.toLocaleString('en-US')} hour rollups over ${DAYS} days written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The current hour through the store's own batch path: results, minute rollups, latest results.
  const store = await openSqliteStore({ dataDir });
  const recentStart = performance.now();
  const batch: CheckResult[] = [];
  let recent = 0;
  for (let run = 0; run < 3; run++) {
    const at = Math.max(currentHour, now - (3 - run) * 60_000);
    for (const [index, check] of config.checks.entries()) {
      for (const deployment of DEPLOYMENTS) {
        const failing = (index % 100 === 7 || index % 100 === 21) && deployment === 'production';
        batch.push({
          checkId: check.id,
          deployment,
          location: 'local',
          startedAt: at + (index % 50),
          ok: !failing,
          durationMs: 80 + (index % 200),
          phases: { dns: 1, connect: 3, tls: 10, firstByte: 60 + (index % 150), download: 5, total: 80 + (index % 200) },
          ...(failing ? { error: 'status 503, expected 200' } : {}),
          assertions: [{ assertion: 'status equals 200', ok: !failing, actual: failing ? '503' : '200' }],
          details: { status: failing ? 503 : 200, bytes: 48_213 },
        });
        if (batch.length === 500) {
          await store.insertResults(batch.splice(0));
        }
        recent++;
      }
    }
  }
  if (batch.length > 0) await store.insertResults(batch.splice(0));
  const healthState = (index: number, deployment: string): TargetHealth['state'] => (deployment !== 'production' ? 'up' : index % 100 === 7 ? 'down' : index % 100 === 55 ? 'degraded' : 'up');
  const health: StoredHealth[] = config.checks.flatMap((check, index) =>
    DEPLOYMENTS.map((deployment) => ({
      checkId: check.id,
      deployment,
      health: { state: healthState(index, deployment), since: now - H, consecutiveFailures: index % 100 === 21 && deployment === 'production' ? 1 : 0, consecutivePasses: 3, consecutiveSlow: 0, recent: '111', locations: { local: { ok: true, at: now } } },
    })),
  );
  await store.writeAlerts({ health, incidents: [], timeline: [], outbox: [] });
  log(`${recent.toLocaleString('en-US')} current-hour results and ${health.length.toLocaleString('en-US')} health rows stored through the store in ${((performance.now() - recentStart) / 1000).toFixed(1)} s`);

  const app = createApp({ config, store, registries: [] });
  // Measured as the dashboard calls it: through the access guard, with a read token.
  const token = (await createToken(store, { name: 'bench', scope: 'read' }, 'bench', Date.now())).secret;
  const measure = async (label: string, path: (i: number) => string, expectRows?: (body: unknown) => void) => {
    // Warm-up: prepared statements, JIT.
    for (let i = 0; i < 10; i++) await (await app.request(path(i), { headers: { authorization: `Bearer ${token}` } })).text();
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const response = await app.request(path(i), { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      times.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
      if (response.status !== 200) throw new Error(`${label}: ${response.status} ${text.slice(0, 200)}`);
      if (i === 0) expectRows?.(JSON.parse(text));
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return { label, p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, cpu50: cpu[Math.floor(cpu.length * 0.5)]! };
  };
  const figures = [
    await measure('grid, first page of 50', () => '/api/v1/grid?page=1&pageSize=50', (body) => {
      const page = body as { rows: unknown[]; total: number };
      if (page.rows.length !== 50 || page.total !== config.checks.length) throw new Error('grid: unexpected page');
    }),
    await measure('grid, filtered (tag + state + search)', () => '/api/v1/grid?tag=checkout&state=up&q=product&page=1&pageSize=50'),
    await measure('90-day uptime bars of one check', (i) => `/api/v1/checks/${encodeURIComponent(config.checks[(i * 7919) % config.checks.length]!.id)}/uptime-bars?deployment=production&days=90`, (body) => {
      if ((body as unknown[]).length !== 90) throw new Error('uptime bars: expected 90 days');
    }),
  ];
  // First load in Chromium, against the same 5,000-check store behind a real HTTP server.
  let firstLoad: FirstLoad | undefined;
  if (LOAD_RUNS > 0) {
    if (!(await ensureDashboardBuilt(silentLogger()))) throw new Error('could not build the dashboard (npm run build:web shows why)');
    await addUser(store, { name: 'bench', role: 'viewer', password: 'bench-password-1' }, Date.now());
    const server = await listen(app, '127.0.0.1', 0);
    try {
      log(`first load in Chromium, ${LOAD_RUNS} runs`);
      firstLoad = await measureFirstLoad({ url: server.url, username: 'bench', password: 'bench-password-1', runs: LOAD_RUNS });
    } finally {
      await server.close();
    }
  }
  await store.close();
  console.log('');
  // CPU time next to wall time: on a busy machine the wall-clock tail mostly measures waiting for a core.
  console.log(`load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  console.log(`dashboard server time, ${config.checks.length} checks × ${DEPLOYMENTS.length} deployments, ${DAYS} days of history, ${REQUESTS} requests each (target p95 < 50 ms):`);
  for (const f of figures) console.log(`  ${f.label.padEnd(40)} p50 ${ms(f.p50).padStart(9)}   p95 ${ms(f.p95).padStart(9)}   (cpu p50 ${ms(f.cpu50)})   ${f.p95 < 50 ? 'ok' : 'OVER TARGET'}`);
  if (firstLoad) console.log(`dashboard first load to interactive in Chromium (grid rows rendered, live stream open; target < 1.5 s): p50 ${ms(firstLoad.p50Ms)}, p95 ${ms(firstLoad.p95Ms)} over ${firstLoad.runs.length} runs`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
