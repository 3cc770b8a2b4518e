/**
 * bench/scheduler: N HTTP checks at 60 s against a local keep-alive server,
 * through the real monitor (scheduler → runner → batch writer → SQLite).
 * Usage: npm run bench -- scheduler [--checks 10000] [--seconds 180]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/validate';
import { silentLogger } from '../src/log/logger';
import { startMonitor } from '../src/monitor/monitor';
import { openSqliteStore } from '../src/store/sqlite';
import { numberArg } from './support/args';

const checks = numberArg('checks', 10_000);
const seconds = numberArg('seconds', 180);
const warmupSeconds = Math.min(65, Math.floor(seconds / 3));

const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'target-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => server.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))));
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-scheduler-'));
console.log(`target server on 127.0.0.1:${port}; data in ${dataDir}; ${checks} checks at 60 s for ${seconds} s (first ${warmupSeconds} s are warm-up)`);

const { config, problems } = resolveConfig(
  {
    site: { name: 'bench' },
    deployments: [{ name: 'local', baseUrl: `http://127.0.0.1:${port}` }],
    checks: Array.from({ length: checks }, (_, i) => ({ name: `check-${i}`, kind: 'http', path: `/p/${i}`, interval: 60, assertions: [{ status: 200 }, { body: { contains: 'Add to cart' } }] })),
    storage: { dataDir },
    scheduler: { concurrency: 500 },
  },
  join(dataDir, 'bench.yaml'),
);
if (!config) throw new Error(JSON.stringify(problems));
const store = await openSqliteStore({ dataDir });
const monitor = await startMonitor({ config, store, log: silentLogger() });

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
const startedBefore = monitor.scheduler.started;
const cpuBefore = process.cpuUsage();
const driftSamplesFrom = Date.now();
const drifts: number[] = [];
const originalRecord = monitor.scheduler.drift.record.bind(monitor.scheduler.drift);
monitor.scheduler.drift.record = (ms: number) => {
  drifts.push(ms);
  originalRecord(ms);
};
const measureSeconds = seconds - warmupSeconds;
for (let elapsed = 0; elapsed < measureSeconds; elapsed += 10) {
  await new Promise((resolve) => setTimeout(resolve, Math.min(10, measureSeconds - elapsed) * 1000));
  console.log(`  ${warmupSeconds + elapsed + 10}s: ${monitor.scheduler.started} runs started, ${monitor.writer.written} stored, running ${monitor.scheduler.running}`);
}
const cpu = process.cpuUsage(cpuBefore);
const windowSeconds = (Date.now() - driftSamplesFrom) / 1000;
const runs = monitor.scheduler.started - startedBefore;
clearInterval(rssTimer);
await monitor.stop();
const stored = (await store.listResults({ limit: 1 })).length;
await store.close();
server.kill();
rmSync(dataDir, { recursive: true, force: true });

drifts.sort((a, b) => a - b);
const pct = (p: number) => drifts[Math.min(drifts.length - 1, Math.floor((p / 100) * drifts.length))] ?? 0;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`\nscheduler figures (${checks} HTTP checks at 60 s, measured over ${windowSeconds.toFixed(0)} s after warm-up; results stored: ${stored > 0 ? 'yes' : 'NO'})`);
console.log(`  checks/s: ${(runs / windowSeconds).toFixed(1)} achieved vs ${(checks / 60).toFixed(1)} planned`);
console.log(`  drift: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${(drifts.at(-1) ?? 0).toFixed(1)} ms   target p99 < 1000 ms`);
console.log(`  CPU: ${((cpuSeconds / runs) * 1000).toFixed(2)} CPU-s per 1,000 checks; ${(cpuSeconds / windowSeconds).toFixed(3)} cores   target < 0.5 cores`);
console.log(`  peak RSS: ${(peakRss / 1048576).toFixed(0)} MB`);
process.exit(0);
