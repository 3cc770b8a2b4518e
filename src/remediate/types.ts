import type { z } from 'zod';

/**
 * What a remediation provider is asked to do and what it answers. Providers
 * know nothing of incidents, guards or the store: run-action.ts decides
 * whether to call them and records what they said.
 */

export type ActionKind = 'failover' | 'rollback';

/** One request to act, as every provider receives it. */
export type ActionRequest = {
  /** The configured action's name. @example "failover-to-backup" */
  action: string;
  kind: ActionKind;
  /** The deployment being repaired (the one that is down). */
  deployment: string;
  /** The deployment that becomes live, when the action switches to another one. */
  toDeployment?: string;
  incidentId?: number;
  /** Why, in one line: the incident title or the operator's words. */
  reason: string;
  /** Who asked: `cli:<user>`, `api:<user>`, `policy:<name>`. */
  actor: string;
  /** Epoch ms. */
  at: number;
  /** The audit log row of this attempt, so a receiver can de-duplicate. */
  attemptId: number;
};

export type ProviderContext = {
  signal: AbortSignal;
  timeoutMs: number;
};

export type ProviderOutcome = {
  ok: true;
  /** A line or a few for people: what the provider did. */
  output: string;
  /** The service's answer as received (parsed JSON or capped text), kept in the audit log. */
  providerResponse?: unknown;
};

/** A provider failed: the message says what and where, never a secret. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly details: { status?: number; output?: string; providerResponse?: unknown } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export type RemediationProvider<K extends string, C extends { kind: K }> = {
  kind: K;
  schema: z.ZodType<C, any>;
  run(settings: C, request: ActionRequest, ctx: ProviderContext): Promise<ProviderOutcome>;
};
