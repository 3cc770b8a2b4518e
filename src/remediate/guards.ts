import type { TargetHealth } from '../evaluate/confirmation';
import type { Incident } from '../incidents/model';
import { isActive, type MaintenanceWindow } from '../notify/maintenance';
import { isInterrupted, ranStatuses, type Attempt, type TriggerSource } from './attempt';
import type { ActionSetting } from './model';

/**
 * Whether an action may run now, as a pure decision: freeze windows, once
 * per incident, a green target, and confirmation. Every refusal says why in
 * words an operator can act on.
 */

export type CheckHealth = { checkId: string; intervalMs: number; health?: TargetHealth };

export type GuardInput = {
  action: ActionSetting;
  incident?: Incident;
  trigger: TriggerSource;
  /** A person said yes (`--yes`, a prompt, `confirm: true`). */
  confirmed: boolean;
  /** A person asked to run again for the same incident. Ignored for policies. */
  force: boolean;
  /** False only for a policy configured with `requireTargetGreen: false`. */
  requireTargetGreen: boolean;
  /** The checks of the action's toDeployment and their confirmed health. */
  targetChecks: CheckHealth[];
  /** Earlier attempts for this incident. */
  attempts: readonly Attempt[];
  windows: readonly MaintenanceWindow[];
  now: number;
};

/** Why an action may not run, for callers that react differently (a policy stops retrying once it already ran). */
export type RefusalCode = 'frozen' | 'maintenance' | 'already_ran' | 'target_not_green' | 'needs_confirmation' | 'raced';

export type GuardDecision = { verdict: 'run' } | { verdict: 'refused' | 'awaiting_confirmation'; code: RefusalCode; reason: string };

export function checkGuards(input: GuardInput): GuardDecision {
  const { action, incident, now } = input;
  const affected = [action.deployment, ...(action.toDeployment ? [action.toDeployment] : [])];
  const window = input.windows.find(
    (w) => isActive(w, now) && (!w.deployments || w.deployments.some((d) => affected.includes(d))) && (w.kind === 'freeze' || input.trigger === 'policy'),
  );
  // Maintenance means someone is working on the deployment: automation keeps out, a person may still act.
  if (window) return refused(window.kind === 'freeze' ? 'frozen' : 'maintenance', `${window.kind} window "${window.name}" is active${window.kind === 'maintenance' ? '; policies do not act during maintenance' : '; remediation is frozen'}`);

  const force = input.force && input.trigger !== 'policy';
  // An attempt cut short by Vigil stopping did not finish its run: it does not use up the incident's one run.
  const earlier = input.attempts.find((attempt) => ranStatuses.includes(attempt.status) && !isInterrupted(attempt));
  if (incident && earlier && !force) {
    return refused('already_ran', `${earlier.action} already ${earlier.status === 'running' ? 'running' : 'ran'} for incident #${incident.id} (attempt #${earlier.id} by ${earlier.actor}, ${earlier.status}); an action runs once per incident${input.trigger === 'policy' ? '' : ' unless forced (--force, force: true)'}`);
  }

  if (action.toDeployment && input.requireTargetGreen) {
    const problems = notGreen(input.targetChecks, now);
    if (input.targetChecks.length === 0) return refused('target_not_green', `${action.toDeployment} has no checks, so nothing shows it is healthy; refusing to switch to it`);
    if (problems.length > 0) return refused('target_not_green', `${action.toDeployment} is not green: ${summarise(problems)}; refusing to switch to it`);
  }

  if (action.requireConfirmation && !input.confirmed) {
    if (input.trigger === 'policy') {
      return { verdict: 'awaiting_confirmation', code: 'needs_confirmation', reason: `${action.name} requires confirmation: run \`vigil ${action.kind}${incident ? ` --incident ${incident.id}` : ''} --action ${action.name} --yes\`` };
    }
    return refused('needs_confirmation', `${action.name} requires confirmation (--yes on the command line, "confirm": true in the API)`);
  }
  return { verdict: 'run' };
}

/** Checks that are not green right now, each with why: confirmed state, the last run, and freshness. */
export function notGreen(checks: readonly CheckHealth[], now: number): string[] {
  return checks.flatMap(({ checkId, intervalMs, health }) => {
    if (!health || health.lastResultAt === undefined) return [`${checkId} (no result yet)`];
    if (health.state !== 'up') return [`${checkId} (${health.state}${health.lastError ? `: ${health.lastError}` : ''})`];
    if (health.consecutiveFailures > 0) return [`${checkId} (last run failed${health.lastError ? `: ${health.lastError}` : ''})`];
    // A result older than two intervals and a minute says nothing about now (is the monitor running?).
    const staleAfter = 2 * intervalMs + 60_000;
    if (now - health.lastResultAt > staleAfter) return [`${checkId} (last result ${Math.round((now - health.lastResultAt) / 1000)}s old)`];
    return [];
  });
}

function summarise(problems: string[]): string {
  return problems.length <= 5 ? problems.join(', ') : `${problems.slice(0, 5).join(', ')} and ${problems.length - 5} more`;
}

function refused(code: RefusalCode, reason: string): GuardDecision {
  return { verdict: 'refused', code, reason };
}
