/**
 * Heartbeat pings ingested per second with every ping stored, and the
 * latency of a ping request. Vigil's server runs here; the load generator
 * (undici Pool, keep-alive, pipelining) runs in a child process so its CPU
 * is not counted as Vigil's. Every ping answered 200 must be in the table at
 * the end, or the figure is void.
 *
 *   npm run bench -- pings [--seconds 10] [--heartbeats 100] [--connections 64] [--pipelining 4]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { numberArg } from './support/args';

type ClientReport = { ok: number; refused: number; errors: number; measuredOk: number; seconds: number; p50: number; p99: number; cpuPercent: number };

async function client(url: string, ids: string[], seconds: number, connections: number, pipelining: number): Promise<ClientReport> {
  const pool = new Pool(url, { connections, pipelining, keepAliveTimeout: 60_000 });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const latencies: number[] = [];
  let ok = 0, refused = 0, errors = 0, measuredOk = 0;
  const warmupEnds = performance.now() + 1_000;
  const ends = warmupEnds + seconds * 1_000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < ends) {
      const id = ids[next++ % ids.length]!;
      const started = performance.now();
      try {
        const response = await pool.request({ path: `/ping/${id}`, method: 'GET' });
        await response.body.dump();
        if (response.statusCode === 200) {
          ok++;
          if (started >= warmupEnds) {
            measuredOk++;
            latencies.push(performance.now() - started);
          }
        } else refused++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections * pipelining }, worker));
  await pool.close();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)) * 100;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { ok, refused, errors, measuredOk, seconds, p50: at(50), p99: at(99), cpuPercent };
}

if (process.argv.includes('--client')) {
  const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1]!;
  const report = await client(arg('url'), arg('ids').split(','), Number(arg('seconds')), Number(arg('connections')), Number(arg('pipelining')));
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const { resolveConfig } = await import('../src/config/validate');
  const { PingIngest } = await import('../src/heartbeats/ingest');
  const { createApp } = await import('../src/server/app');
  const { listen } = await import('../src/server/listen');
  const { openSqliteStore } = await import('../src/store/sqlite');

  const seconds = numberArg('seconds', 10);
  const count = numberArg('heartbeats', 100);
  const connections = numberArg('connections', 64);
  const pipelining = numberArg('pipelining', 4);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-pings-'));
  const ids = Array.from({ length: count }, (_, i) => `bench-heartbeat-${String(i).padStart(6, '0')}`);
  const { config, problems } = resolveConfig(
    { site: { name: 'bench' }, deployments: [{ name: 'production', baseUrl: 'https://shop.example.com' }], heartbeats: ids.map((id, i) => ({ name: `job ${i}`, id, period: '1h' })), storage: { dataDir } },
    join(dataDir, 'vigil.yaml'),
  );
  if (!config) throw new Error(JSON.stringify(problems));
  const store = await openSqliteStore({ dataDir });
  const ingest = new PingIngest(config.heartbeats, store, { collectMs: numberArg("collect-ms", 0) });
  let batches = 0;
  const write = store.writePings.bind(store);
  let writeMs = 0;
  store.writePings = async (pings, states) => {
    batches++;
    const started = performance.now();
    await write(pings, states);
    writeMs += performance.now() - started;
  };
  // Each id pings ~100 times a second here, far above a real job; the per-id limit is raised so it measures ingestion, not refusal.
  const app = createApp({ config, store, registries: [], pings: { ingest, rate: { perSecond: 1_000_000, burst: 1_000_000 } } });
  const server = await listen(app, '127.0.0.1', 0);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', '--url', server.url, '--ids', ids.join(','), '--seconds', String(seconds), '--connections', String(connections), '--pipelining', String(pipelining)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`load generator exited with ${code}`))));
  });
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const report = JSON.parse(output.trim().split('\n').at(-1)!) as ClientReport;
  await server.close();
  await ingest.close();
  const stored = await store.countPings();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (stored !== report.ok) throw new Error(`acknowledged ${report.ok} pings but stored ${stored}`);
  console.log(`heartbeats ${count}, ${connections} connections × ${pipelining} pipelined, ${seconds}s measured after 1s warm-up`);
  console.log(`acknowledged ${report.ok} (all stored: ${stored} rows), refused ${report.refused}, errors ${report.errors}, ${batches} write transactions (${(report.ok / batches).toFixed(0)} pings each)`);
  console.log(`time in write transactions ${(writeMs / 1000).toFixed(2)} s`);
  console.log(`CPU over the run, in % of one core: server ${(((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(0)}%, load generator ${report.cpuPercent.toFixed(0)}%`);
  console.log(`pings: ${Math.round(report.measuredOk / report.seconds)} /s stored · p50 ${report.p50.toFixed(1)} ms · p99 ${report.p99.toFixed(1)} ms`);
}
