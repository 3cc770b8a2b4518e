import type { AlertMessage, ChannelType } from '../../types';
import { postRaw } from '../shared/http';
import { webhookSchema, type WebhookConfig } from './schema';
import { signWebhookBody } from './signature';

export { signWebhookBody, verifyWebhookSignature } from './signature';

export const webhookChannel = {
  kind: 'webhook',
  schema: webhookSchema,
  async send(message, config, ctx) {
    const body = JSON.stringify(webhookBody(message));
    await postRaw(config.url, body, {
      service: 'Webhook',
      ctx,
      headers: { ...config.headers, ...webhookHeaders(message, body, config.secret, Date.now()) },
      ...(config.secret ? { secrets: [config.secret] } : {}),
    });
  },
} satisfies ChannelType<'webhook', WebhookConfig>;

/** Version 1 of the documented body (README.md): the message as is, with every time an ISO 8601 string. */
export function webhookBody(message: AlertMessage): Record<string, unknown> {
  const { incident } = message;
  return {
    version: 1,
    event: message.event,
    severity: message.severity,
    title: message.title,
    text: message.text,
    site: message.site,
    incident: {
      ...incident,
      openedAt: iso(incident.openedAt),
      ...(incident.resolvedAt === undefined ? {} : { resolvedAt: iso(incident.resolvedAt) }),
    },
    affected: message.affected.map((target) => ({ ...target, since: iso(target.since) })),
    dedupKey: message.dedupKey,
    at: iso(message.at),
  };
}

/**
 * The timestamp is the time of sending, not of the event: a delivery retried
 * an hour later must still pass the receiver's freshness check.
 */
export function webhookHeaders(message: AlertMessage, body: string, secret: string | undefined, now: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-vigil-event': message.event };
  if (secret) {
    const timestamp = Math.floor(now / 1000);
    headers['x-vigil-timestamp'] = String(timestamp);
    headers['x-vigil-signature'] = signWebhookBody(body, timestamp, secret);
  }
  return headers;
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
