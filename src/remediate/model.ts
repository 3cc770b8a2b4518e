import type { ProviderConfig } from './providers';
import type { ActionKind } from './types';

/** Configured actions and policies, resolved (durations in ms, defaults filled, names cross-checked). */

export type ActionSetting = {
  name: string;
  kind: ActionKind;
  /** The deployment this action repairs: its incidents are the ones the action answers. */
  deployment: string;
  /** The deployment that becomes live; its checks must all be green before switching to it. */
  toDeployment?: string;
  provider: ProviderConfig;
  requireConfirmation: boolean;
  timeoutMs: number;
  description?: string;
};

export type RemediationPolicy = {
  name: string;
  action: string;
  /** The deployment whose confirmed outage triggers the policy. */
  deployment: string;
  /** How long the deployment must have been confirmed down. */
  downForMs: number;
  /** Refuse unless every check of the action's toDeployment is green. */
  requireTargetGreen: boolean;
};

export type RemediationSettings = {
  policies: RemediationPolicy[];
  /** How long after an action its re-check runs. */
  recheckAfterMs: number;
};

export const defaultRemediation: RemediationSettings = { policies: [], recheckAfterMs: 30_000 };
