import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { createLogger, type LogFormat } from '../log/logger';
import { resolveConfigFile } from './config-file';
import { startVigil, stopOnSignals } from './start-vigil';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the monitor in the foreground: every check on its schedule, results stored, /metrics served')
    .option('-c, --config <file>', 'config file')
    .option('-p, --port <port>', 'server port (overrides server.port)')
    .option('--host <host>', 'server host (overrides server.host)')
    .option('--log-format <format>', 'pretty or json')
    .action(async (options: { config?: string; port?: string; host?: string; logFormat?: LogFormat }) => {
      const log = createLogger({ format: options.logFormat });
      const config = await loadConfig(resolveConfigFile(options.config));
      const vigil = await startVigil(config, log, { port: options.port === undefined ? undefined : Number(options.port), host: options.host });
      stopOnSignals(log, vigil.stop);
      if ((await vigil.store.countUsers()) === 0) log.warn(`no users yet: open ${vigil.server.url} to create the first admin, or run \`vigil user add NAME --role admin\``);
      await vigil.monitor.done;
    });
}
