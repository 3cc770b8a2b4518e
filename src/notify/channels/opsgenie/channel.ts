import type { AlertMessage, AlertSeverity, ChannelType } from '../../types';
import { alertFacts, alertLinks, lastError } from '../shared/format';
import { joinUrl, postJson } from '../shared/http';
import { truncate } from '../shared/text';
import { opsgenieSchema, type OpsgenieConfig } from './schema';

export const opsgenieChannel = {
  kind: 'opsgenie',
  schema: opsgenieSchema,
  async send(message, config, ctx) {
    const { path, body } = opsgenieRequest(message, config);
    await postJson(joinUrl(config.apiUrl, path), body, {
      service: 'Opsgenie Alert API',
      ctx,
      headers: { authorization: `GenieKey ${config.apiKey}` },
      secrets: [config.apiKey],
    });
  },
} satisfies ChannelType<'opsgenie', OpsgenieConfig>;

const priorities = { critical: 'P1', warning: 'P3', info: 'P5' } as const satisfies Record<AlertSeverity, `P${1 | 2 | 3 | 4 | 5}`>;

/**
 * The alias is the incident's dedup key: Opsgenie folds a second create with
 * an open alias into the existing alert (reminders and escalations bump its
 * count), and acknowledge/close find the alert by it.
 */
export function opsgenieRequest(message: AlertMessage, config: OpsgenieConfig): { path: string; body: Record<string, unknown> } {
  const alias = encodeURIComponent(message.dedupKey);
  if (message.event === 'incident.acknowledged') {
    const user = message.incident.acknowledgedBy;
    return { path: `/v2/alerts/${alias}/acknowledge?identifierType=alias`, body: { source: 'Vigil', ...(user ? { user } : {}), note: message.title } };
  }
  if (message.event === 'incident.resolved') {
    return { path: `/v2/alerts/${alias}/close?identifierType=alias`, body: { source: 'Vigil', note: message.title } };
  }
  const error = lastError(message);
  const links = alertLinks(message);
  return {
    path: '/v2/alerts',
    body: {
      message: truncate(message.title, 130),
      alias: truncate(message.dedupKey, 512),
      description: truncate([message.text, ...links.map((link) => `${link.label}: ${link.url}`)].join('\n\n'), 15_000),
      priority: priorities[message.severity],
      tags: [...new Set(['vigil', message.incident.deployment, ...config.tags])],
      details: {
        ...Object.fromEntries(alertFacts(message).map((fact) => [fact.label, fact.value])),
        ...(error ? { 'Last error': truncate(error, 1000) } : {}),
        ...Object.fromEntries(links.map((link) => [link.label, link.url])),
        Incident: message.incident.id,
      },
      entity: message.site,
      source: 'Vigil',
    },
  };
}
