import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { ConfigError } from '../config/model';
import { resolveConfigFile } from './config-file';
import { describeCheckVerdict, verdictJunit, verifyDeployment } from './deploy-verify';
import { runPlan } from './deploy-plan';
import { rollbackAfterFailedVerify } from './deploy-rollback';
import { bold, green, printJson, red } from './output';

export { verifyDeployment, type DeployVerdict } from './deploy-verify';

export function registerDeploy(program: Command): void {
  const deploy = program.command('deploy').description('verify a new deployment against production, and run deploy plans');

  deploy
    .command('verify')
    .description('run every check and flow once against a deployment (or URL) and the reference; compare status, content and latency; exit 1 on a difference')
    .requiredOption('-d, --deployment <name>', 'the deployment to verify (a configured name, or a label with --url)')
    .option('-c, --config <file>', 'config file')
    .option('--url <url>', 'verify this base URL (a preview of the new build) instead of the configured one')
    .option('--against <name>', 'compare with this deployment (default: the primary)')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--json', 'print the verdict as JSON')
    .option('--concurrency <n>', 'checks run at once', '10')
    .option('--rollback <action>', 'on failure, run this configured rollback action (guards and audit log apply)')
    .action(async (options: { deployment: string; config?: string; url?: string; against?: string; junit?: string; json?: boolean; concurrency: string; rollback?: string }) => {
      const config = await loadConfig(resolveConfigFile(options.config));
      let reference = options.against ?? config.deployments.find((d) => d.role === 'primary' && d.name !== options.deployment)?.name ?? 'reference';
      const verdict = await verifyDeployment(config, {
        deployment: options.deployment,
        url: options.url,
        against: options.against,
        concurrency: Number(options.concurrency),
        onCheck: options.json ? undefined : (check) => console.log(describeCheckVerdict(check, reference)),
      });
      reference = verdict.reference;
      if (options.junit) writeFileSync(options.junit, verdictJunit(verdict));
      if (options.json) printJson(verdict);
      else console.log(`\n${bold(verdict.ok ? green(`✓ PASS: ${verdict.summary}`) : red(`✗ FAIL: ${verdict.summary}`))}`);
      process.exitCode = verdict.ok ? 0 : 1;
      if (!verdict.ok && options.rollback) await rollbackAfterFailedVerify(config, options.rollback, verdict);
    });

  deploy
    .command('plan <name>')
    .description('print a deploy plan as a checklist, run its automated steps in order, and end with its rollback criteria')
    .option('-c, --config <file>', 'config file')
    .option('-y, --yes', 'continue past manual steps without asking')
    .action(async (name: string, options: { config?: string; yes?: boolean }) => {
      const config = await loadConfig(resolveConfigFile(options.config));
      const plan = config.deployPlans.find((candidate) => candidate.name === name);
      if (!plan) {
        const known = config.deployPlans.map((p) => p.name);
        throw new ConfigError([{ file: config.file, path: 'deployPlans', message: `no deploy plan named "${name}"; ${known.length ? `expected one of ${known.join(', ')}` : 'the config has none'}` }]);
      }
      const outcome = await runPlan(config, plan, { yes: options.yes ?? false });
      process.exitCode = outcome.ok ? 0 : 1;
    });
}
