import type { Check, VigilConfig } from '../config/model';
import type { Incident, TimelineEntry } from '../incidents/model';
import type { Logger } from '../log/logger';
import type { AlertStore, StoredHealth } from '../notify/outbox';
import { claimKeyFor, type Attempt, type AttemptStatus, type NewAttempt, type Recheck, type TriggerSource } from './attempt';
import { checkGuards, type CheckHealth, type GuardDecision } from './guards';
import { isStale, markInterrupted } from './interrupted';
import type { ActionSetting } from './model';
import { runProvider } from './providers';
import { recheckDeployments } from './recheck';
import type { RemediationStore } from './store-port';
import { ProviderError, type ActionRequest } from './types';

/**
 * Running an action: guards → provider → record → re-check. The one way
 * actions run, whoever asks (CLI, API, a policy, `vigil deploy verify
 * --rollback`), so every attempt is guarded and audited alike.
 */

export type RunActionStore = RemediationStore & Pick<AlertStore, 'getIncident' | 'listIncidents' | 'loadHealth'>;

export type RunActionOptions = {
  config: VigilConfig;
  store: RunActionStore;
  /** The configured action's name. */
  action: string;
  /** Without one, the latest unresolved incident of the action's deployment, if any. */
  incidentId?: number;
  /** The incident itself, when the caller holds a fresher copy than the store (the monitor's pipeline). */
  incident?: Incident;
  trigger: TriggerSource;
  /** `cli:<user>`, `api:<user>`, `policy:<name>`. */
  actor: string;
  policy?: string;
  confirmed?: boolean;
  force?: boolean;
  /** Default true; a policy may turn it off. */
  requireTargetGreen?: boolean;
  now?: () => number;
  /** Confirmed health of every check × deployment; default: the store's (written by the running monitor). */
  health?: () => Promise<StoredHealth[]> | StoredHealth[];
  /** Aborts the wait before the re-check (the monitor stopping). */
  signal?: AbortSignal;
  /** Skip the re-check (the CLI's --no-recheck): the attempt is recorded without one. */
  skipRecheck?: boolean;
  /** Asked before a refusal is recorded; a policy retrying every second records each reason once. */
  recordRefusal?: (decision: Exclude<GuardDecision, { verdict: 'run' }>) => boolean;
  log?: Logger;
};

export type RunActionResult = {
  decision: GuardDecision;
  /** The audit row; undefined only when a refusal was not recorded (see recordRefusal). */
  attempt?: Attempt;
  /** Resolves with the re-check once it has run and been recorded; only for attempts that called the provider. */
  recheck?: Promise<Recheck>;
};

/** Bad requests (unknown action or incident), as opposed to refusals, which are recorded. */
export class ActionRequestError extends Error {
  constructor(message: string, readonly status: 400 | 404) {
    super(message);
    this.name = 'ActionRequestError';
  }
}

export async function runAction(options: RunActionOptions): Promise<RunActionResult> {
  const { config, store } = options;
  const now = options.now ?? Date.now;
  const action = config.actions.find((candidate) => candidate.name === options.action);
  if (!action) throw new ActionRequestError(`no action "${options.action}" (configured: ${config.actions.map((a) => a.name).join(', ') || 'none'})`, 404);
  const incident = options.incident ?? (await findIncident(store, action, options.incidentId));
  let attempts = incident ? await store.listAttempts({ incidentId: incident.id, limit: 1000 }) : [];
  // A `running` attempt past its timeout is one whose Vigil died mid-call: it must not hold the incident forever.
  const stale = attempts.filter((attempt) => isStale(config, attempt, now()));
  if (stale.length > 0) {
    const marked = new Map((await markInterrupted(store, stale, now(), options.log)).map((attempt) => [attempt.id, attempt]));
    attempts = attempts.map((attempt) => marked.get(attempt.id) ?? attempt);
  }
  const health = await (options.health ?? (() => store.loadHealth()))();
  const decision = checkGuards({
    action,
    incident,
    trigger: options.trigger,
    confirmed: options.confirmed ?? false,
    force: options.force ?? false,
    requireTargetGreen: options.requireTargetGreen ?? true,
    targetChecks: action.toDeployment ? checksOf(config, action.toDeployment, health) : [],
    attempts,
    windows: config.maintenance,
    now: now(),
  });
  const base: Omit<NewAttempt, 'status' | 'reason'> = {
    action: action.name,
    kind: action.kind,
    provider: action.provider.kind,
    incidentId: incident?.id,
    deployment: action.deployment,
    toDeployment: action.toDeployment,
    actor: options.actor,
    trigger: options.trigger,
    policy: options.policy,
    startedAt: now(),
  };
  if (decision.verdict !== 'run') {
    if (options.recordRefusal && !options.recordRefusal(decision)) return { decision };
    const status: AttemptStatus = decision.verdict;
    const line = status === 'refused' ? `${action.name} refused (asked by ${options.actor}): ${decision.reason}` : `${action.name} awaits confirmation (asked by ${options.actor}): ${decision.reason}`;
    const attempt = await store.recordAttempt({ ...base, status, reason: decision.reason, finishedAt: now() }, timeline(incident, now(), line, options.actor));
    options.log?.warn({ action: action.name, incident: incident?.id, actor: options.actor, status }, line);
    return { decision, attempt };
  }

  const what = action.toDeployment ? `switch ${action.deployment} to ${action.toDeployment}` : `roll back ${action.deployment}`;
  const reason = incident ? incident.title : `requested by ${options.actor}`;
  const claimKey = incident && !(options.force && options.trigger !== 'policy') ? claimKeyFor(incident.id) : undefined;
  const started = await store.recordAttempt(
    { ...base, status: 'running', reason, claimKey },
    timeline(incident, now(), `${action.name} started by ${options.actor}: ${what} via ${action.provider.kind} (attempt #{attempt})`, options.actor),
  );
  if (!started) {
    // Another trigger took this incident between our read and our write.
    const raced: GuardDecision = { verdict: 'refused', code: 'raced', reason: `another attempt already ran for incident #${incident!.id} a moment ago; an action runs once per incident` };
    const attempt = await store.recordAttempt({ ...base, status: 'refused', reason: raced.reason, finishedAt: now() }, timeline(incident, now(), `${action.name} refused (asked by ${options.actor}): ${raced.reason}`, options.actor));
    return { decision: raced, attempt };
  }
  options.log?.warn({ action: action.name, incident: incident?.id, actor: options.actor, attempt: started.id }, `${action.name} started: ${what}`);

  const request: ActionRequest = { action: action.name, kind: action.kind, deployment: action.deployment, toDeployment: action.toDeployment, incidentId: incident?.id, reason, actor: options.actor, at: now(), attemptId: started.id };
  let attempt: Attempt;
  try {
    const outcome = await runProvider(action.provider, request, { signal: new AbortController().signal, timeoutMs: action.timeoutMs });
    attempt = { ...started, status: 'succeeded', finishedAt: now(), output: outcome.output, providerResponse: outcome.providerResponse };
    await store.updateAttempt(started.id, { status: 'succeeded', finishedAt: attempt.finishedAt, output: outcome.output, providerResponse: outcome.providerResponse }, timeline(incident, now(), `${action.name} succeeded: ${firstLine(outcome.output)}`, options.actor));
    options.log?.warn({ action: action.name, attempt: started.id }, `${action.name} succeeded: ${firstLine(outcome.output)}`);
  } catch (error) {
    const message = error instanceof ProviderError ? error.message : `provider crashed: ${(error as Error)?.message ?? String(error)}`;
    const details = error instanceof ProviderError ? error.details : {};
    attempt = { ...started, status: 'failed', reason: message, finishedAt: now(), output: details.output, providerResponse: details.providerResponse };
    await store.updateAttempt(started.id, { status: 'failed', reason: message, finishedAt: attempt.finishedAt, output: details.output, providerResponse: details.providerResponse }, timeline(incident, now(), `${action.name} failed: ${message}`, options.actor));
    options.log?.error({ action: action.name, attempt: started.id }, `${action.name} failed: ${message}`);
  }
  if (options.skipRecheck) return { decision, attempt };
  const recheck = recheckLater(options, action, attempt, incident);
  return { decision, attempt: { ...attempt, recheck: { status: 'pending' } }, recheck };
}

/**
 * After `recheckAfter`, runs the checks of both deployments once and records
 * whether the action helped. Never rejects: callers may leave it running (the
 * API answers before it ends), so a failure to record is logged instead.
 */
async function recheckLater(options: RunActionOptions, action: ActionSetting, attempt: Attempt, incident: Incident | undefined): Promise<Recheck> {
  const { config, store } = options;
  const now = options.now ?? Date.now;
  let recheck: Recheck;
  try {
    await store.updateAttempt(attempt.id, { recheck: { status: 'pending' } }, []);
    await sleep(config.remediation.recheckAfterMs, options.signal);
    const deployments = await recheckDeployments(config, [action.deployment, ...(action.toDeployment ? [action.toDeployment] : [])], options.signal);
    const repaired = deployments[0]!;
    const helped = repaired.failed === 0 && repaired.passed > 0;
    const parts = deployments.map((d) => `${d.deployment} ${d.passed}/${d.passed + d.failed} checks pass${d.failing.length > 0 ? ` (failing: ${d.failing.slice(0, 4).join(', ')}${d.failing.length > 4 ? ', …' : ''})` : ''}`);
    recheck = { status: helped ? 'helped' : 'not_helped', at: now(), summary: `${helped ? 'helped' : 'did not help'}: ${parts.join('; ')}`, deployments };
  } catch (error) {
    recheck = { status: 'error', at: now(), summary: `re-check did not run: ${(error as Error)?.message ?? String(error)}` };
  }
  const line = `re-check ${Math.round(config.remediation.recheckAfterMs / 1000)}s after ${action.name} (attempt #${attempt.id}, ${attempt.status}): ${recheck.summary}`;
  try {
    await store.updateAttempt(attempt.id, { recheck }, timeline(incident, now(), line, options.actor));
    options.log?.info({ action: action.name, attempt: attempt.id, recheck: recheck.status }, line);
  } catch (error) {
    options.log?.error({ err: error, action: action.name, attempt: attempt.id }, 'could not record the re-check');
  }
  return recheck;
}

async function findIncident(store: RunActionStore, action: ActionSetting, id: number | undefined): Promise<Incident | undefined> {
  if (id !== undefined) {
    const incident = await store.getIncident(id);
    if (!incident) throw new ActionRequestError(`no incident ${id}`, 404);
    return incident;
  }
  const [latest] = await store.listIncidents({ status: 'unresolved', deployment: action.deployment, limit: 1 });
  return latest;
}

/** The checks that run against a deployment, with their confirmed health. */
export function checksOf(config: VigilConfig, deployment: string, health: readonly StoredHealth[]): CheckHealth[] {
  return config.checks
    .filter((check: Check) => check.enabled && check.deployments.includes(deployment) && (!check.locations || check.locations.includes(config.location)))
    .map((check) => ({ checkId: check.id, intervalMs: check.intervalMs, health: health.find((h) => h.checkId === check.id && h.deployment === deployment)?.health }));
}

function timeline(incident: Incident | undefined, at: number, message: string, actor: string): TimelineEntry[] {
  return incident ? [{ incidentId: incident.id, at, type: 'action', message, actor }] : [];
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('stopped before the re-check'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('stopped before the re-check'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
