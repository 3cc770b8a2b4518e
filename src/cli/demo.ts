import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { startDemoShop, type RunningDemoShop } from '../demo-shop';
import { startDnsServer } from '../demo-shop/dns-server';
import { startDemoInbox } from '../demo-shop/inbox';
import { startDemoJob } from '../demo-shop/demo-job';
import { createLogger, type LogFormat } from '../log/logger';
import { startVigil, stopOnSignals } from './start-vigil';
import { ensureDemoAdmin } from '../server/auth/demo-admin';

const demoConfigFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'demo', 'vigil.config.ts');

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the demo store (primary + backup) and watch it: what `npm start` runs')
    .option('-p, --port <port>', 'Vigil server port', '8787')
    .option('--primary-port <port>', 'demo store primary port', '4101')
    .option('--backup-port <port>', 'demo store backup port', '4102')
    .option('--status-port <port>', 'public status page port', '8788')
    .option('--log-format <format>', 'pretty or json')
    .action(async (options: { port: string; primaryPort: string; backupPort: string; statusPort: string; logFormat?: LogFormat }) => {
      const log = createLogger({ format: options.logFormat });
      const shopLog = log.child({ module: 'demo-shop' });
      const shops: RunningDemoShop[] = [];
      try {
        shops.push(await startDemoShop({ deployment: 'primary', port: Number(options.primaryPort), httpsPort: Number(options.primaryPort) + 342 }));
        shops.push(await startDemoShop({ deployment: 'backup', port: Number(options.backupPort), httpsPort: Number(options.backupPort) + 342 }));
      } catch (error) {
        await Promise.all(shops.map((shop) => shop.close()));
        throw new Error(`could not start the demo store: ${(error as Error).message} (choose other ports with --primary-port/--backup-port)`);
      }
      const [primary, backup] = shops as [RunningDemoShop, RunningDemoShop];
      // The demo's own name server, so the DNS check resolves a real name without touching the network.
      const inboxSecret = 'vigil-demo-inbox-secret';
      const inbox = await startDemoInbox(log.child({ module: 'demo-inbox' }), inboxSecret);
      const dns = await startDnsServer({ 'shop.vigil-demo.test': { A: ['127.0.0.1'] }, 'backup.vigil-demo.test': { A: ['127.0.0.1'] } });
      for (const shop of shops) shopLog.info({ deployment: shop.deployment, url: shop.url, https: shop.httpsUrl }, 'demo store deployment up');
      Object.assign(process.env, {
        VIGIL_DEMO_PRIMARY_URL: primary.url,
        VIGIL_DEMO_BACKUP_URL: backup.url,
        VIGIL_DEMO_PRIMARY_TLS_PORT: new URL(primary.httpsUrl!).port,
        VIGIL_DEMO_BACKUP_TLS_PORT: new URL(backup.httpsUrl!).port,
        VIGIL_DEMO_DNS: dns.address,
        VIGIL_DEMO_INBOX_URL: inbox.url,
        VIGIL_DEMO_INBOX_SECRET: inboxSecret,
      });
      const config = await loadConfig(demoConfigFile);
      let vigil;
      try {
        vigil = await startVigil(config, log, { port: Number(options.port), statusPort: Number(options.statusPort) });
      } catch (error) {
        await Promise.all([...shops.map((shop) => shop.close()), dns.close(), inbox.close()]);
        throw error;
      }
      const demoLogin = await ensureDemoAdmin(vigil.store, config.storage.dataDir, Date.now());
      log.info(`dashboard ${vigil.server.url} · log in as ${demoLogin.name} / ${demoLogin.password} (kept in ${demoLogin.file})`);
      if (vigil.statusServer) log.info(`status page: ${vigil.statusServer.url} (also at ${vigil.server.url}/status)`);
      log.info(
        `open ${vigil.server.url} · break the store with e.g. \`npm run vigil -- fault set errorStatus=503 --deployment backup\`${
          options.primaryPort === '4101' ? '' : ` --shop ${backup.url}`
        }`,
      );
      const running = vigil;
      const job = process.env.VIGIL_DEMO_NO_JOB ? undefined : startDemoJob(`${vigil.server.url}/ping/vigil-demo-catalog-import`, log);
      stopOnSignals(log, async () => {
        job?.stop();
        await running.stop();
        await Promise.all([...shops.map((shop) => shop.close()), dns.close(), inbox.close()]);
      });
      await running.monitor.done;
    });
}
