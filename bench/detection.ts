/**
 * bench/detection: time from a fault to the first notification, at a 60 s
 * interval with the default confirmation (2 re-checks 10 s apart, 3 failures),
 * and notifications sent while deployments flap (1 request in 10 fails).
 * Trials run side by side: each has its own demo store, switched to 503 at a
 * random moment; a local webhook receiver timestamps each alert.
 * Usage: npm run bench -- detection [--trials 12] [--flapping 4] [--minutes 10]
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

const trials = numberArg('trials', 12);
const flapping = numberArg('flapping', 4);
const minutes = numberArg('minutes', 10);

const received: { deployment: string; event: string; at: number }[] = [];
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk));
  request.on('end', () => {
    const alert = JSON.parse(body) as { event: string; incident: { deployment: string } };
    received.push({ deployment: alert.incident.deployment, event: alert.event, at: Date.now() });
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const shops: { name: string; shop: RunningDemoShop; role: 'trial' | 'flapping' }[] = [];
for (let i = 0; i < trials; i++) shops.push({ name: `trial-${i}`, role: 'trial', shop: await startDemoShop({ deployment: 'primary', productCount: 50 }) });
for (let i = 0; i < flapping; i++) shops.push({ name: `flapping-${i}`, role: 'flapping', shop: await startDemoShop({ deployment: 'primary', productCount: 50 }) });

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-detection-'));
const { config, problems } = resolveConfig(
  {
    site: { name: 'detection bench' },
    deployments: shops.map(({ name, shop }) => ({ name, baseUrl: shop.url, role: 'primary' })),
    checks: [{ name: 'home', kind: 'http', path: '/', interval: '60s', timeout: '5s', assertions: [{ status: 200 }] }],
    channels: [{ name: 'hook', kind: 'webhook', url: hookUrl }],
    storage: { dataDir },
  },
  join(dataDir, 'vigil.yaml'),
);
if (!config) throw new Error(JSON.stringify(problems));
const store = await openSqliteStore({ dataDir });
const monitor = await startMonitor({ config, store, log: silentLogger() });
console.log(`${trials} trials and ${flapping} flapping deployments, one HTTP check each at 60 s; flapping for ${minutes} min`);

for (const { shop, role } of shops) if (role === 'flapping') shop.setFaults({ flapEvery: 10 });
// Let every check pass once, then break each trial's store at a random moment within one interval.
await new Promise((resolve) => setTimeout(resolve, 8_000));
const faultAt = new Map<string, number>();
let seed = 7;
const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
for (const { name, shop, role } of shops) {
  if (role !== 'trial') continue;
  const delay = random() * 60_000;
  setTimeout(() => {
    shop.setFaults({ errorStatus: 503 });
    faultAt.set(name, Date.now());
  }, delay).unref();
}

const end = Date.now() + minutes * 60_000;
while (Date.now() < end) {
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const detected = shops.filter((s) => s.role === 'trial' && received.some((r) => r.deployment === s.name)).length;
  console.log(`  ${Math.round((minutes * 60_000 - (end - Date.now())) / 1000)}s: ${detected}/${trials} trials detected; ${monitor.scheduler.started} runs`);
}

await monitor.stop();
await store.close();
for (const { shop } of shops) await shop.close();
receiver.close();
rmSync(dataDir, { recursive: true, force: true });

const delays = shops
  .filter((s) => s.role === 'trial')
  .map((s) => {
    const first = received.find((r) => r.deployment === s.name && r.event === 'incident.opened');
    return first && faultAt.has(s.name) ? (first.at - faultAt.get(s.name)!) / 1000 : Number.POSITIVE_INFINITY;
  })
  .sort((a, b) => a - b);
const pct = (p: number) => delays[Math.min(delays.length - 1, Math.ceil((p / 100) * delays.length) - 1)]!;
const flappingAlerts = received.filter((r) => r.deployment.startsWith('flapping')).length;
console.log(`\ndetection figures (60 s interval, default confirmation: 2 re-checks 10 s apart, 3 failures; ${trials} trials)`);
console.log(`  fault → first notification: p50 ${pct(50).toFixed(1)} s, p95 ${pct(95).toFixed(1)} s, max ${delays.at(-1)!.toFixed(1)} s   target p95 < 90 s`);
console.log(`  notifications while ${flapping} deployments flapped (1 request in 10 fails) for ${minutes} min: ${flappingAlerts}   target 0`);
process.exit(0);
