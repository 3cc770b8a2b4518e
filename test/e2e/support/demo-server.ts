/**
 * `vigil demo` for tests and benchmarks: the same demo store (primary +
 * backup), name server, inbox and config, but every port chosen by the OS and
 * the data in a fresh temp folder, so it can run beside a developer's demo
 * and other test runs. Run with tsx; prints one line `READY {json}` on stdout
 * with the URLs, then runs until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { demoConfigFile, startDemoEnvironment } from '../../../src/demo-shop/environment';
import { createLogger } from '../../../src/log/logger';
import { startVigil } from '../../../src/cli/start-vigil';

export type DemoServerInfo = { url: string; primaryUrl: string; backupUrl: string; dataDir: string; pid: number };

const log = createLogger({ format: 'json', level: process.env.VIGIL_LOG_LEVEL ?? 'warn', destination: process.stderr });
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
const demo = await startDemoEnvironment({ primaryPort: 0, backupPort: 0, log, quiet: true });
const { primary, backup } = demo;
const loaded = await loadConfig(demoConfigFile);
const config = { ...loaded, storage: { ...loaded.storage, dataDir } };
const vigil = await startVigil(config, log, { port: 0, host: '127.0.0.1' });

const info: DemoServerInfo = { url: vigil.server.url, primaryUrl: primary.url, backupUrl: backup.url, dataDir, pid: process.pid };
process.stdout.write(`READY ${JSON.stringify(info)}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vigil.stop();
  await demo.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
// The parent (the test runner) going away must not leave a demo running.
process.stdin.on('end', () => void stop());
process.stdin.resume();
