import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { demoConfigFile, startDemoEnvironment } from '../demo-shop/environment';
import { startDemoJob } from '../demo-shop/demo-job';
import { createLogger, type LogFormat } from '../log/logger';
import { startVigil, stopOnSignals } from './start-vigil';
import { ensureDemoAdmin } from '../server/auth/demo-admin';

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
      const demo = await startDemoEnvironment({ primaryPort: Number(options.primaryPort), backupPort: Number(options.backupPort), log });
      const { backup } = demo;
      const config = await loadConfig(demoConfigFile);
      let vigil;
      try {
        vigil = await startVigil(config, log, { port: Number(options.port), statusPort: Number(options.statusPort) });
      } catch (error) {
        await demo.close();
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
        await demo.close();
      });
      await running.monitor.done;
    });
}
