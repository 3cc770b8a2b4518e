import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { openStore } from '../store/open';
import { resolveConfigFile } from './config-file';
import { dim, green, printJson, red, table } from './output';
import type { StoredResult } from '../store/ports';
import { extractedLine } from './describe-result';

export function registerResults(program: Command): void {
  program
    .command('results')
    .description('show the latest result of every check × deployment, or the recent runs of one check')
    .option('-c, --config <file>', 'config file')
    .option('--check <id>', 'recent runs of this check')
    .option('--deployment <name>', 'only this deployment')
    .option('--failed', 'only failed runs')
    .option('-n, --limit <n>', 'how many runs with --check', '20')
    .option('--json', 'print JSON')
    .action(async (options: { config?: string; check?: string; deployment?: string; failed?: boolean; limit: string; json?: boolean }) => {
      const config = await loadConfig(resolveConfigFile(options.config));
      const store = await openStore(config);
      try {
        const results = options.check
          ? await store.listResults({ checkId: options.check, deployment: options.deployment, failedOnly: options.failed, limit: Number(options.limit) })
          : (await store.latestResults()).filter(
              (result) => (!options.deployment || result.deployment === options.deployment) && (!options.failed || !result.ok),
            );
        if (options.json) return printJson(results);
        if (results.length === 0) return console.log(dim('no results yet: is `vigil run` running?'));
        console.log(resultsTable(results));
      } finally {
        await store.close();
      }
    });
}

export function resultsTable(results: StoredResult[]): string {
  const rows = results
    .sort((a, b) => a.checkId.localeCompare(b.checkId) || a.deployment.localeCompare(b.deployment) || b.startedAt - a.startedAt)
    .map((result) => [
      result.checkId,
      result.deployment,
      result.ok ? green('up') : red('DOWN'),
      `${Math.round(result.durationMs)} ms`,
      new Date(result.startedAt).toISOString().replace('T', ' ').slice(0, 19),
      result.error ? red(result.error.slice(0, 80)) : '',
      extractedLine(result.details),
    ]);
  return table(['check', 'deployment', 'state', 'time', 'started (UTC)', 'error', 'values'], rows);
}
