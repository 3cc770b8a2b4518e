import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { DeployPlan, DeployStep } from '../config/deploy-plans';
import type { VigilConfig } from '../config/model';
import { formatDuration } from '../domain/duration';
import { describeCheckVerdict, verifyDeployment } from './deploy-verify';
import { bold, dim, green, red, yellow } from './output';

/**
 * `vigil deploy plan NAME`: the plan as a checklist, its automated steps run
 * in order (stopping at the first failure), manual steps ticked by a person
 * (or `--yes`), and the rollback criteria at the end, whatever happened.
 */

export type PlanOutcome = { ok: boolean; stoppedAt?: { step: number; title: string; reason: string } };

type Io = { print(line: string): void; confirm(question: string): Promise<boolean> };

export function describeStep(step: DeployStep): string {
  if (!step.run) return 'manual';
  if ('verify' in step.run) return `automated: vigil deploy verify --deployment ${step.run.verify.deployment}${step.run.verify.url ? ` --url ${step.run.verify.url}` : ''}${step.run.verify.against ? ` --against ${step.run.verify.against}` : ''}`;
  return `automated: ${step.run.command} (timeout ${formatDuration(step.run.timeoutMs)})`;
}

export function planChecklist(plan: DeployPlan): string {
  const lines = [bold(`Deploy plan: ${plan.name}`)];
  if (plan.description) lines.push(plan.description);
  plan.steps.forEach((step, index) => lines.push(`  [ ] ${index + 1}. ${step.title}  ${dim(describeStep(step))}`));
  return lines.join('\n');
}

export function rollbackCriteria(plan: DeployPlan): string {
  if (plan.rollbackCriteria.length === 0) return dim('No rollback criteria in this plan.');
  return [bold('Roll back if:'), ...plan.rollbackCriteria.map((criterion) => `  - ${criterion}`)].join('\n');
}

export async function runPlan(config: VigilConfig, plan: DeployPlan, options: { yes: boolean; io?: Io }): Promise<PlanOutcome> {
  const io = options.io ?? terminalIo();
  io.print(planChecklist(plan));
  io.print('');
  let outcome: PlanOutcome = { ok: true };
  for (const [index, step] of plan.steps.entries()) {
    const number = index + 1;
    io.print(bold(`▶ ${number}. ${step.title}`));
    const failure = await runStep(config, step, options.yes, io);
    if (failure) {
      io.print(red(`✗ step ${number} "${step.title}" failed: ${failure}`));
      io.print(red(`Stopped: steps ${number + 1 <= plan.steps.length ? `${number + 1}–${plan.steps.length}` : 'after this'} not run.`));
      outcome = { ok: false, stoppedAt: { step: number, title: step.title, reason: failure } };
      break;
    }
    io.print(green(`  [x] ${number}. ${step.title}`));
  }
  io.print('');
  if (outcome.ok) io.print(green(`✓ plan "${plan.name}" complete: ${plan.steps.length} steps done`));
  io.print(rollbackCriteria(plan));
  return outcome;
}

/** Runs one step; returns why it failed, or undefined. */
async function runStep(config: VigilConfig, step: DeployStep, yes: boolean, io: Io): Promise<string | undefined> {
  if (!step.run) {
    if (yes) {
      io.print(yellow('  manual step: continuing (--yes)'));
      return undefined;
    }
    const done = await io.confirm(`  Done with "${step.title}"? [y/N] `);
    return done ? undefined : 'not confirmed as done (answer y, or pass --yes to continue without asking)';
  }
  if ('verify' in step.run) {
    const { verify } = step.run;
    const verdict = await verifyDeployment(config, { deployment: verify.deployment, url: verify.url, against: verify.against, onCheck: (check) => io.print(`  ${describeCheckVerdict(check, referenceName(config, verify.against)).replace(/\n/g, '\n  ')}`) });
    io.print(`  ${verdict.ok ? green(`✓ ${verdict.summary}`) : red(`✗ ${verdict.summary}`)}`);
    return verdict.ok ? undefined : verdict.summary;
  }
  return runCommand(step.run.command, step.run.timeoutMs, dirname(config.file), io);
}

function referenceName(config: VigilConfig, against: string | undefined): string {
  return against ?? config.deployments.find((d) => d.role === 'primary')?.name ?? 'reference';
}

/** A shell command with a timeout, its output passed through (indented). */
function runCommand(command: string, timeoutMs: number, cwd: string, io: Io): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') io.print(dim(`  │ ${line}`));
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`could not start "${command}": ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve(`"${command}" timed out after ${formatDuration(timeoutMs)}`);
      else if (code !== 0) resolve(`"${command}" exited with ${code ?? signal}`);
      else resolve(undefined);
    });
  });
}

function terminalIo(): Io {
  return {
    print: (line) => console.log(line),
    async confirm(question) {
      if (!process.stdin.isTTY) return false;
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
