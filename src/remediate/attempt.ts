import type { ActionKind } from './types';

/**
 * One attempt to run an action, as the audit log keeps it: refused ones
 * too, with the reason, so "why did Vigil not fail over?" has an answer.
 */

export type AttemptStatus = 'running' | 'succeeded' | 'failed' | 'refused' | 'awaiting_confirmation';

/** Where a request came from: a person on the CLI, the API, or a policy. */
export type TriggerSource = 'cli' | 'api' | 'policy';

export type RecheckStatus = 'pending' | 'helped' | 'not_helped' | 'error';

export type DeploymentRecheck = { deployment: string; passed: number; failed: number; failing: string[] };

export type Recheck = { status: RecheckStatus; at?: number; summary?: string; deployments?: DeploymentRecheck[] };

export type NewAttempt = {
  action: string;
  kind: ActionKind;
  provider: string;
  incidentId?: number;
  deployment: string;
  toDeployment?: string;
  /** `cli:<user>`, `api:<user>`, `policy:<name>`. */
  actor: string;
  trigger: TriggerSource;
  policy?: string;
  status: AttemptStatus;
  reason: string;
  startedAt: number;
  finishedAt?: number;
  output?: string;
  providerResponse?: unknown;
  recheck?: Recheck;
  /**
   * At most one attempt per claim key calls a provider: the key of an
   * incident's first run, so two triggers racing (a policy and a person, two
   * processes) cannot both act. Forced runs carry none.
   */
  claimKey?: string;
};

export type Attempt = Omit<NewAttempt, 'claimKey'> & { id: number };

export type AttemptPatch = Partial<Pick<Attempt, 'status' | 'reason' | 'finishedAt' | 'output' | 'providerResponse' | 'recheck'>>;

/** Attempts that called (or are calling) a provider: they are what "already ran for this incident" means. */
export const ranStatuses: readonly AttemptStatus[] = ['running', 'succeeded', 'failed'];

/**
 * The reason of an attempt that was `running` when Vigil stopped (it died during the provider
 * call): it is marked failed with this reason and its claim released, so it does not count as
 * "already ran" and a policy or a person may run the action again. A reason, not a new status,
 * so no migration and every reader of `failed` keeps working.
 */
export const INTERRUPTED_REASON = 'interrupted: Vigil stopped during the provider call';

export const isInterrupted = (attempt: Pick<Attempt, 'status' | 'reason'>): boolean => attempt.status === 'failed' && attempt.reason === INTERRUPTED_REASON;

/** How long past its action's timeout a `running` attempt must be before it counts as interrupted: the provider call's own timeout has long fired by then. */
export const INTERRUPTED_MARGIN_MS = 60_000;

export const claimKeyFor = (incidentId: number): string => `incident:${incidentId}`;
