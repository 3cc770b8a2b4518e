import type { z } from 'zod';

/**
 * What a channel is asked to deliver. Channels know nothing of incidents
 * beyond this message: the pipeline decides what to send and when, the
 * channel only turns it into its service's payload.
 */
export type AlertEvent =
  | 'incident.opened'
  | 'incident.updated'
  | 'incident.reminder'
  | 'incident.escalated'
  | 'incident.acknowledged'
  | 'incident.resolved'
  | 'channel.test';

export type AlertSeverity = 'critical' | 'warning' | 'info';

export type AffectedTarget = {
  checkId: string;
  pageType?: string;
  deployment: string;
  location: string;
  /** When this target started failing (epoch ms). */
  since: number;
  lastError?: string;
};

export type AlertMessage = {
  event: AlertEvent;
  severity: AlertSeverity;
  /** One line a person reads first, e.g. `production is down: home page, product page`. */
  title: string;
  /** A few lines of plain text: what, where, since when, last error. */
  text: string;
  incident: {
    id: string;
    status: 'open' | 'acknowledged' | 'resolved';
    deployment: string;
    openedAt: number;
    resolvedAt?: number;
    acknowledgedBy?: string;
    /** Link to the incident in Vigil, when the server's public URL is known. */
    url?: string;
    /** The response plan for this scenario, when one is set. */
    runbookUrl?: string;
  };
  affected: AffectedTarget[];
  /** Stable per incident: services that de-duplicate (PagerDuty, Opsgenie) key on it. */
  dedupKey: string;
  /** When the event happened (epoch ms). */
  at: number;
  site: string;
};

export type ChannelContext = {
  signal: AbortSignal;
  timeoutMs: number;
};

/**
 * Thrown by a channel when delivery failed. `permanent` means retrying cannot
 * help (bad credentials, 400 for a malformed payload): the pipeline moves the
 * notification to the dead letters at once instead of retrying.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { permanent: boolean; retryAfterMs?: number; status?: number } = { permanent: false },
  ) {
    super(message);
    this.name = 'DeliveryError';
  }

  get permanent(): boolean {
    return this.options.permanent;
  }
}

/** A channel kind: its config schema (beyond `name` and `kind`) and how to send. */
export type ChannelType<Kind extends string, Config extends { kind: Kind }> = {
  kind: Kind;
  schema: z.ZodType<Config>;
  send(message: AlertMessage, config: Config, ctx: ChannelContext): Promise<void>;
};
