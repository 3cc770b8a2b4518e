import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { resolveConfigFile } from './config-file';
import { describeResult } from './describe-result';
import { printJson, red } from './output';
import { runChecksOnce } from './run-once';
import { selectDeployments } from './select';

export function registerCheck(program: Command): void {
  program
    .command('check <name>')
    .description('run one check now (by id or name) against its deployments and print the result with its timings')
    .option('-c, --config <file>', 'config file')
    .option('-d, --deployment <name>', 'only this deployment')
    .option('--url <url>', 'run against this URL instead of the configured deployments')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { config?: string; deployment?: string; url?: string; json?: boolean }) => {
      const config = await loadConfig(resolveConfigFile(options.config));
      const checks = config.checks.filter((check) => check.id === name || check.name === name);
      if (checks.length === 0) {
        console.error(red(`no check named "${name}"; known checks: ${config.checks.map((check) => check.id).join(', ')}`));
        process.exitCode = 2;
        return;
      }
      const { deployments, checks: targeted } = selectDeployments(config, checks, options);
      const runs = await runChecksOnce(config, targeted, deployments);
      if (options.json) printJson(runs.map((run) => run.result));
      else for (const run of runs) console.log(describeResult(`${run.check.id} → ${run.deployment.name}  ${run.check.summary}`, run.result));
      if (runs.some((run) => !run.result.ok)) process.exitCode = 1;
    });
}
