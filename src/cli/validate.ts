import type { Command } from 'commander';
import { ConfigError, formatProblem } from '../config/model';
import { green, red } from './output';
import { resolveConfigFile } from './config-file';
import { loadConfig } from '../config/load';

export function registerValidate(program: Command): void {
  program
    .command('validate [file]')
    .description('check a config file and print every problem with its file, field and what was expected')
    .option('--json', 'print problems as JSON')
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const path = resolveConfigFile(file);
      try {
        const config = await loadConfig(path);
        const targets = config.checks.reduce((sum, check) => sum + check.deployments.length, 0);
        if (options.json) console.log(JSON.stringify({ ok: true, file: path, checks: config.checks.length, targets }));
        else console.log(green(`✓ ${path}: ${config.checks.length} checks on ${config.deployments.length} deployments (${targets} targets)`));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        if (options.json) console.log(JSON.stringify({ ok: false, problems: error.problems }, null, 2));
        else {
          console.error(red(`✗ ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${path}`));
          for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
        }
        process.exitCode = 1;
      }
    });
}
