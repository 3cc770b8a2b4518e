import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log/logger';
import { startDemoShop, type RunningDemoShop } from './index';
import { startDnsServer } from './dns-server';
import { startDemoInbox } from './inbox';

/** The demo's config: it reads the addresses below from VIGIL_DEMO_* variables. */
export const demoConfigFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo', 'vigil.config.ts');

export type DemoEnvironment = { primary: RunningDemoShop; backup: RunningDemoShop; close(): Promise<void> };

/**
 * Everything the demo config watches, started on 127.0.0.1: the store's two
 * deployments (HTTP and HTTPS), the webhook inbox that prints alerts, and a
 * tiny name server so the DNS check resolves a real name without the network.
 * Their addresses go into VIGIL_DEMO_* for examples/demo/vigil.config.ts.
 * Used by `vigil demo` (fixed ports) and the end-to-end tests (port 0).
 */
export async function startDemoEnvironment(options: { primaryPort: number; backupPort: number; log: Logger; quiet?: boolean }): Promise<DemoEnvironment> {
  // HTTPS beside HTTP: 4101 → 4443; port 0 lets the OS choose both.
  const httpsPortOf = (port: number) => (port === 0 ? 0 : port + 342);
  const shops: RunningDemoShop[] = [];
  try {
    shops.push(await startDemoShop({ deployment: 'primary', port: options.primaryPort, httpsPort: httpsPortOf(options.primaryPort) }));
    shops.push(await startDemoShop({ deployment: 'backup', port: options.backupPort, httpsPort: httpsPortOf(options.backupPort) }));
  } catch (error) {
    await Promise.all(shops.map((shop) => shop.close()));
    throw new Error(`could not start the demo store: ${(error as Error).message} (choose other ports with --primary-port/--backup-port)`);
  }
  const [primary, backup] = shops as [RunningDemoShop, RunningDemoShop];
  const inboxSecret = 'vigil-demo-inbox-secret';
  const inbox = await startDemoInbox(options.log.child({ module: 'demo-inbox' }), inboxSecret);
  const dns = await startDnsServer({ 'shop.vigil-demo.test': { A: ['127.0.0.1'] }, 'backup.vigil-demo.test': { A: ['127.0.0.1'] } });
  if (!options.quiet) {
    const shopLog = options.log.child({ module: 'demo-shop' });
    for (const shop of shops) shopLog.info({ deployment: shop.deployment, url: shop.url, https: shop.httpsUrl }, 'demo store deployment up');
  }
  Object.assign(process.env, {
    VIGIL_DEMO_PRIMARY_URL: primary.url,
    VIGIL_DEMO_BACKUP_URL: backup.url,
    VIGIL_DEMO_PRIMARY_TLS_PORT: new URL(primary.httpsUrl!).port,
    VIGIL_DEMO_BACKUP_TLS_PORT: new URL(backup.httpsUrl!).port,
    VIGIL_DEMO_DNS: dns.address,
    VIGIL_DEMO_INBOX_URL: inbox.url,
    VIGIL_DEMO_INBOX_SECRET: inboxSecret,
  });
  return {
    primary,
    backup,
    close: async () => {
      await Promise.all([...shops.map((shop) => shop.close()), dns.close(), inbox.close()]);
    },
  };
}
