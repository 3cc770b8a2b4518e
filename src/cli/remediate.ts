import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import type { VigilConfig } from '../config/model';
import type { Attempt } from '../remediate/attempt';
import type { ActionSetting } from '../remediate/model';
import type { ActionKind } from '../remediate/types';
import { ActionRequestError, runAction } from '../remediate/run-action';
import { openStore } from '../store/open';
import type { Store } from '../store/ports';
import { resolveConfigFile } from './config-file';
import { bold, dim, green, printJson, red, table, yellow } from './output';

/** `vigil failover`, `vigil rollback` and `vigil actions`: run a configured action by hand, and read the audit log. */

type RunOptions = { config?: string; incident?: string; action?: string; yes?: boolean; force?: boolean; by?: string; json?: boolean; recheck: boolean };

const when = (ms?: number) => (ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

async function withStore<T>(file: string | undefined, work: (store: Store, config: VigilConfig) => Promise<T>): Promise<T | undefined> {
  const config = await loadConfig(resolveConfigFile(file));
  const store = await openStore(config);
  try {
    return await work(store, config);
  } catch (error) {
    if (error instanceof ActionRequestError) {
      console.error(red(error.message));
      process.exitCode = 2;
      return undefined;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** The action this command means: the one named, else the only one of its kind. */
export function chooseAction(config: VigilConfig, kind: ActionKind, name?: string): ActionSetting {
  if (name) {
    const action = config.actions.find((candidate) => candidate.name === name);
    if (!action) throw new ActionRequestError(`no action "${name}" (configured: ${config.actions.map((a) => a.name).join(', ') || 'none'})`, 404);
    if (action.kind !== kind) throw new ActionRequestError(`action "${name}" is a ${action.kind}; run \`vigil ${action.kind}\``, 400);
    return action;
  }
  const candidates = config.actions.filter((action) => action.kind === kind);
  if (candidates.length === 0) throw new ActionRequestError(`no ${kind} action is configured; add one under \`actions\` (see docs/remediation.md)`, 404);
  if (candidates.length > 1) throw new ActionRequestError(`several ${kind} actions are configured (${candidates.map((a) => a.name).join(', ')}); choose one with --action`, 400);
  return candidates[0]!;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

function registerRun(program: Command, kind: ActionKind, description: string): void {
  program
    .command(kind)
    .description(description)
    .option('-c, --config <file>', 'config file')
    .option('-i, --incident <id>', 'the incident this answers (default: the latest open incident of the action\'s deployment)')
    .option('-a, --action <name>', `which ${kind} action (needed when several are configured)`)
    .option('-y, --yes', 'confirm without a prompt (actions with requireConfirmation)')
    .option('--force', 'run even though an action already ran for this incident')
    .option('--by <name>', 'who asks, for the audit log', userInfo().username)
    .option('--no-recheck', 'skip the re-check after the action (it otherwise waits remediation.recheckAfter)')
    .option('--json', 'print JSON')
    .action((options: RunOptions) =>
      withStore(options.config, async (store, config) => {
        const action = chooseAction(config, kind, options.action);
        if (options.incident !== undefined && !/^\d+$/.test(options.incident)) throw new ActionRequestError(`expected an incident number, got "${options.incident}"`, 400);
        let confirmed = options.yes ?? false;
        if (action.requireConfirmation && !confirmed) {
          const what = action.toDeployment ? `Switch ${action.deployment} to ${action.toDeployment}` : `Roll back ${action.deployment}`;
          confirmed = await confirm(`${what} with ${action.name} (${action.provider.kind})?`);
        }
        const result = await runAction({
          config,
          store,
          action: action.name,
          incidentId: options.incident === undefined ? undefined : Number(options.incident),
          trigger: 'cli',
          actor: `cli:${options.by ?? userInfo().username}`,
          confirmed,
          force: options.force ?? false,
          skipRecheck: !options.recheck,
        });
        const attempt = result.attempt!;
        if (!options.json) printAttempt(attempt);
        if (result.recheck) {
          if (!options.json) console.log(dim(`re-checking ${action.deployment}${action.toDeployment ? ` and ${action.toDeployment}` : ''} in ${Math.round(config.remediation.recheckAfterMs / 1000)}s…`));
          const recheck = await result.recheck;
          if (!options.json) console.log(recheck.status === 'helped' ? green(`✓ ${recheck.summary}`) : yellow(`! ${recheck.summary}`));
          attempt.recheck = recheck;
        }
        if (options.json) printJson(attempt);
        process.exitCode = attempt.status === 'succeeded' ? 0 : attempt.status === 'failed' ? 1 : 3;
      }),
    );
}

function printAttempt(attempt: Attempt): void {
  const on = attempt.incidentId === undefined ? 'no incident' : `incident #${attempt.incidentId}`;
  if (attempt.status === 'succeeded') console.log(green(`✓ ${attempt.action} succeeded (${on}, attempt #${attempt.id})`));
  else if (attempt.status === 'failed') console.log(red(`✗ ${attempt.action} failed (${on}, attempt #${attempt.id}): ${attempt.reason}`));
  else console.log(yellow(`${attempt.action} ${attempt.status === 'refused' ? 'refused' : 'awaits confirmation'} (${on}): ${attempt.reason}`));
  if (attempt.output) console.log(attempt.output.split('\n').map((line) => `  ${line}`).join('\n'));
}

export function registerRemediate(program: Command): void {
  registerRun(program, 'failover', 'switch traffic to a backup deployment with a configured failover action (guarded, audited, re-checked)');
  registerRun(program, 'rollback', 'roll a deployment back with a configured rollback action (guarded, audited, re-checked)');

  program
    .command('actions')
    .description('list configured remediation actions and policies, or (--audit) every attempt to run them')
    .option('-c, --config <file>', 'config file')
    .option('--audit', 'show the audit log of attempts')
    .option('-i, --incident <id>', 'with --audit: only this incident')
    .option('-n, --limit <n>', 'with --audit: how many', '50')
    .option('--json', 'print JSON')
    .action((options: { config?: string; audit?: boolean; incident?: string; limit: string; json?: boolean }) =>
      withStore(options.config, async (store, config) => {
        if (!options.audit) {
          if (options.json) return printJson({ actions: config.actions.map(({ provider, ...rest }) => ({ ...rest, provider: provider.kind })), policies: config.remediation.policies });
          if (config.actions.length === 0) return console.log(dim('no actions configured (see docs/remediation.md)'));
          console.log(
            table(
              ['action', 'kind', 'switches', 'provider', 'confirmation', 'policies'],
              config.actions.map((a) => [
                a.name,
                a.kind,
                a.toDeployment ? `${a.deployment} → ${a.toDeployment}` : a.deployment,
                a.provider.kind,
                a.requireConfirmation ? 'required' : '-',
                config.remediation.policies.filter((p) => p.action === a.name).map((p) => `${p.name} (${p.deployment} down ${Math.round(p.downForMs / 1000)}s)`).join(', ') || '-',
              ]),
            ),
          );
          return;
        }
        const attempts = await store.listAttempts({ incidentId: options.incident === undefined ? undefined : Number(options.incident), limit: Number(options.limit) || 50 });
        if (options.json) return printJson(attempts);
        if (attempts.length === 0) return console.log(dim('no attempts recorded'));
        const colour = (status: Attempt['status']) => (status === 'succeeded' ? green : status === 'failed' ? red : status === 'running' ? bold : yellow)(status);
        console.log(
          table(
            ['#', 'when (UTC)', 'action', 'incident', 'by', 'status', 'what happened', 're-check'],
            attempts.map((a) => [
              String(a.id),
              when(a.startedAt),
              a.action,
              a.incidentId === undefined ? '-' : `#${a.incidentId}`,
              a.actor,
              colour(a.status),
              (a.status === 'succeeded' ? (a.output ?? '').split('\n')[0]! : a.reason).slice(0, 90),
              a.recheck?.status ?? '-',
            ]),
          ),
        );
      }),
    );
}
