import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { resolveConfigFile } from './config-file';
import { describeResult } from './describe-result';
import { junitReport } from './junit';
import { bold, green, printJson, red } from './output';
import { recordResults } from './record';
import { runChecksOnce } from './run-once';
import { selectDeployments } from './select';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run every check once (in CI, against a deployment or a preview URL) and exit non-zero if any fails')
    .option('-c, --config <file>', 'config file')
    .option('-d, --deployment <name>', 'run against this deployment only')
    .option('--url <url>', 'run against this URL (a preview deployment) instead of the configured ones')
    .option('--tag <tag>', 'only checks with this tag')
    .option('--grep <text>', 'only checks whose id contains this text')
    .option('--reporter <name>', 'human (default), junit or json', 'human')
    .option('-o, --output <file>', 'write the junit/json report to this file instead of stdout')
    .option('--concurrency <n>', 'checks run at once', '20')
    .option('--record <vigil-url>', 'after the run, store the results in this running Vigil (POST /api/v1/results)')
    .option('--token <token>', 'API token for --record, sent as Authorization: Bearer (default: env VIGIL_TOKEN)')
    .option('--location <label>', 'location label of the recorded results', 'ci')
    .action(
      async (options: {
        config?: string;
        deployment?: string;
        url?: string;
        tag?: string;
        grep?: string;
        reporter: string;
        output?: string;
        concurrency: string;
        record?: string;
        token?: string;
        location: string;
      }) => {
        if (!['human', 'junit', 'json'].includes(options.reporter)) {
          console.error(red(`--reporter: expected human, junit or json, got "${options.reporter}"`));
          process.exitCode = 2;
          return;
        }
        const config = await loadConfig(resolveConfigFile(options.config));
        const chosen = config.checks.filter(
          (check) => check.enabled && (!options.tag || check.tags.includes(options.tag)) && (!options.grep || check.id.includes(options.grep)),
        );
        const { deployments, checks } = selectDeployments(config, chosen, options);
        const human = options.reporter === 'human';
        const started = performance.now();
        const runs = await runChecksOnce(config, checks, deployments, {
          concurrency: Number(options.concurrency),
          onResult: human ? (run) => console.log(describeResult(`${run.check.id} → ${run.deployment.name}`, run.result)) : undefined,
        });
        const failed = runs.filter((run) => !run.result.ok);
        const report =
          options.reporter === 'junit'
            ? junitReport(runs, config.site.name)
            : options.reporter === 'json'
              ? JSON.stringify(runs.map((run) => run.result), null, 2)
              : undefined;
        if (report !== undefined && options.output) writeFileSync(options.output, report);
        else if (report !== undefined) process.stdout.write(report);
        else if (options.reporter === 'json') printJson(runs);
        const summary = `${runs.length} runs, ${runs.length - failed.length} passed, ${failed.length} failed in ${((performance.now() - started) / 1000).toFixed(1)}s`;
        if (human || options.output) console.error(bold(failed.length ? red(`✗ ${summary}`) : green(`✓ ${summary}`)));
        if (runs.length === 0) console.error(red('no checks matched'));
        process.exitCode = failed.length > 0 || runs.length === 0 ? 1 : 0;
        if (options.record && runs.length > 0) {
          const results = runs.map((run) => ({ ...run.result, location: options.location }));
          try {
            const { endpoint, stored } = await recordResults(options.record, results, { token: options.token ?? process.env.VIGIL_TOKEN });
            console.error(`recorded ${stored} result${stored === 1 ? '' : 's'} at ${endpoint} (location ${options.location})`);
          } catch (error) {
            console.error(red(`✗ not recorded: ${(error as Error).message}`));
            process.exitCode = 1;
          }
        }
      },
    );
}
