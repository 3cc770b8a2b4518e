/**
 * bench/failover: time from a fault injected on production to the failover
 * request received by the provider endpoint, at a 60 s interval with the
 * default confirmation (2 re-checks 10 s apart, 3 failures) and a policy
 * "production confirmed down for --down-for seconds and the backup green →
 * fail over"; and the failovers triggered while production flaps (1 request
 * in 10 fails), which must be none. Trials run side by side: each has its own
 * production and backup demo store and its own action, whose webhook provider
 * points at a local endpoint that timestamps each request.
 * Usage: npm run bench -- failover [--trials 10] [--flapping 4] [--minutes 10] [--interval 60] [--down-for 60]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/validate';
import { startDemoShop, type RunningDemoShop } from '../src/demo-shop';
import { silentLogger } from '../src/log/logger';
import { startMonitor } from '../src/monitor/monitor';
import { openSqliteStore } from '../src/store/sqlite';
import { numberArg } from './support/args';

const trials = numberArg('trials', 10);
const flapping = numberArg('flapping', 4);
const minutes = numberArg('minutes', 10);
const intervalS = numberArg('interval', 60);
const downForS = numberArg('down-for', 60);

/** Failover requests by pair name, with the time each arrived. */
const received: { pair: string; at: number }[] = [];
const endpoint = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received.push({ pair: (request.url ?? '').replace(/^\/switch\//, ''), at: Date.now() });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;

type Pair = { name: string; role: 'trial' | 'flapping'; production: RunningDemoShop; backup: RunningDemoShop };
const pairs: Pair[] = [];
const start = async (name: string, role: Pair['role']) => {
  pairs.push({ name, role, production: await startDemoShop({ deployment: 'primary', productCount: 50 }), backup: await startDemoShop({ deployment: 'backup', productCount: 50 }) });
};
for (let i = 0; i < trials; i++) await start(`trial-${i}`, 'trial');
for (let i = 0; i < flapping; i++) await start(`flapping-${i}`, 'flapping');

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-failover-'));
const { config, problems } = resolveConfig(
  {
    site: { name: 'failover bench' },
    deployments: pairs.flatMap((p) => [
      { name: `${p.name}-production`, baseUrl: p.production.url, role: 'primary' },
      { name: `${p.name}-backup`, baseUrl: p.backup.url, role: 'backup' },
    ]),
    checks: [{ name: 'home', kind: 'http', path: '/', interval: `${intervalS}s`, timeout: '5s', assertions: [{ status: 200 }] }],
    actions: pairs.map((p) => ({
      name: `failover-${p.name}`,
      kind: 'failover',
      deployment: `${p.name}-production`,
      toDeployment: `${p.name}-backup`,
      provider: { kind: 'webhook', url: `${endpointUrl}/switch/${p.name}`, secret: 'bench-failover-secret-123' },
    })),
    remediation: {
      policies: pairs.map((p) => ({ name: `auto-${p.name}`, action: `failover-${p.name}`, when: { deployment: `${p.name}-production`, downFor: `${downForS}s` } })),
    },
    storage: { dataDir },
  },
  join(dataDir, 'vigil.yaml'),
);
if (!config) throw new Error(JSON.stringify(problems));
const store = await openSqliteStore({ dataDir });
const monitor = await startMonitor({ config, store, log: silentLogger() });
console.log(`${trials} trials and ${flapping} flapping pairs (production + backup each), one HTTP check at ${intervalS} s; policy: down ${downForS} s confirmed and backup green → fail over; flapping for ${minutes} min`);

for (const pair of pairs) if (pair.role === 'flapping') pair.production.setFaults({ flapEvery: 10 });
// Let every check pass once, then break each trial's production at a random moment within one interval.
await new Promise((resolve) => setTimeout(resolve, 8_000));
const faultAt = new Map<string, number>();
let seed = 11;
const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
for (const pair of pairs) {
  if (pair.role !== 'trial') continue;
  setTimeout(() => {
    pair.production.setFaults({ errorStatus: 500 });
    faultAt.set(pair.name, Date.now());
  }, random() * intervalS * 1000).unref();
}

const began = Date.now();
const end = began + minutes * 60_000;
const trialsDone = () => pairs.filter((p) => p.role === 'trial').every((p) => received.some((r) => r.pair === p.name));
// Trials get at least ten minutes; the flapping pairs run for the full --minutes.
while (Date.now() < end || (!trialsDone() && Date.now() < began + Math.max(minutes, 10) * 60_000)) {
  await new Promise((resolve) => setTimeout(resolve, Math.min(15_000, intervalS * 250)));
  const switched = pairs.filter((p) => p.role === 'trial' && received.some((r) => r.pair === p.name)).length;
  console.log(`  ${Math.round((Date.now() - began) / 1000)}s: ${switched}/${trials} trials failed over; ${received.filter((r) => r.pair.startsWith('flapping')).length} flapping failovers; ${monitor.scheduler.started} runs`);
  if (Date.now() >= end && trialsDone()) break;
}

const audit = await store.listAttempts({ limit: 1000 });
await monitor.stop();
await store.close();
for (const pair of pairs) await Promise.all([pair.production.close(), pair.backup.close()]);
endpoint.close();
rmSync(dataDir, { recursive: true, force: true });

const delays = pairs
  .filter((p) => p.role === 'trial')
  .map((p) => {
    const first = received.find((r) => r.pair === p.name);
    return first && faultAt.has(p.name) ? (first.at - faultAt.get(p.name)!) / 1000 : Number.POSITIVE_INFINITY;
  })
  .sort((a, b) => a - b);
const pct = (p: number) => delays[Math.min(delays.length - 1, Math.ceil((p / 100) * delays.length) - 1)]!;
const perTrial = pairs.filter((p) => p.role === 'trial').map((p) => received.filter((r) => r.pair === p.name).length);
const flappingFailovers = received.filter((r) => r.pair.startsWith('flapping')).length;
const statuses = audit.reduce<Record<string, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
console.log(`  audit log: ${Object.entries(statuses).map(([status, n]) => `${n} ${status}`).join(', ') || 'empty'}; requests per trial: ${perTrial.join(' ')}`);
console.log(`\nfailover figures (${intervalS} s interval, default confirmation, policy down ${downForS} s confirmed + backup green; ${trials} trials)`);
console.log(`  fault → failover request at the provider: p50 ${pct(50).toFixed(1)} s, p95 ${pct(95).toFixed(1)} s, max ${delays.at(-1)!.toFixed(1)} s   target p95 < 180 s`);
console.log(`  failovers while ${flapping} productions flapped (1 request in 10 fails) for ${minutes} min: ${flappingFailovers}   target 0`);
process.exit(0);
