/**
 * `vigil demo` for tests and benchmarks: the same demo store (primary +
 * backup), name server, inbox and config, but every port chosen by the OS and
 * the data in a fresh temp folder, so it can run beside a developer's demo
 * and other test runs. Run with tsx; prints one line `READY {json}` on stdout
 * with the URLs, then runs until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load';
import { startDemoShop, type RunningDemoShop } from '../../../src/demo-shop';
import { startDnsServer } from '../../../src/demo-shop/dns-server';
import { startDemoInbox } from '../../../src/demo-shop/inbox';
import { createLogger } from '../../../src/log/logger';
import { startVigil } from '../../../src/cli/start-vigil';

export type DemoServerInfo = { url: string; primaryUrl: string; backupUrl: string; dataDir: string; pid: number };

const here = dirname(fileURLToPath(import.meta.url));
const configFile = join(here, '..', '..', '..', 'examples', 'demo', 'vigil.config.ts');

const log = createLogger({ format: 'json', level: process.env.VIGIL_LOG_LEVEL ?? 'warn', destination: process.stderr });
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
const shops: RunningDemoShop[] = [];
shops.push(await startDemoShop({ deployment: 'primary', port: 0, httpsPort: 0 }));
shops.push(await startDemoShop({ deployment: 'backup', port: 0, httpsPort: 0 }));
const [primary, backup] = shops as [RunningDemoShop, RunningDemoShop];
const inboxSecret = 'vigil-demo-inbox-secret';
const inbox = await startDemoInbox(log.child({ module: 'demo-inbox' }), inboxSecret);
const dns = await startDnsServer({ 'shop.vigil-demo.test': { A: ['127.0.0.1'] }, 'backup.vigil-demo.test': { A: ['127.0.0.1'] } }, { silent: true });
Object.assign(process.env, {
  VIGIL_DEMO_PRIMARY_URL: primary.url,
  VIGIL_DEMO_BACKUP_URL: backup.url,
  VIGIL_DEMO_PRIMARY_TLS_PORT: new URL(primary.httpsUrl!).port,
  VIGIL_DEMO_BACKUP_TLS_PORT: new URL(backup.httpsUrl!).port,
  VIGIL_DEMO_DNS: dns.address,
  VIGIL_DEMO_INBOX_URL: inbox.url,
  VIGIL_DEMO_INBOX_SECRET: inboxSecret,
});
const loaded = await loadConfig(configFile);
const config = { ...loaded, storage: { ...loaded.storage, dataDir } };
const vigil = await startVigil(config, log, { port: 0, host: '127.0.0.1' });

const info: DemoServerInfo = { url: vigil.server.url, primaryUrl: primary.url, backupUrl: backup.url, dataDir, pid: process.pid };
process.stdout.write(`READY ${JSON.stringify(info)}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vigil.stop();
  await Promise.all([...shops.map((shop) => shop.close()), dns.close(), inbox.close()]);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
// The parent (the test runner) going away must not leave a demo running.
process.stdin.on('end', () => void stop());
process.stdin.resume();
