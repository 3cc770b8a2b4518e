import type { AlertMessage, AlertSeverity, ChannelType } from '../../types';
import { alertFacts, alertLinks, lastError, pageTypes } from '../shared/format';
import { postJson } from '../shared/http';
import { truncate } from '../shared/text';
import { pagerdutySchema, type PagerdutyConfig } from './schema';

export const pagerdutyChannel = {
  kind: 'pagerduty',
  schema: pagerdutySchema,
  async send(message, config, ctx) {
    await postJson(config.apiUrl, pagerdutyEvent(message, config), { service: 'PagerDuty Events API', ctx, secrets: [config.routingKey] });
  },
} satisfies ChannelType<'pagerduty', PagerdutyConfig>;

const severities = { critical: 'critical', warning: 'warning', info: 'info' } as const satisfies Record<AlertSeverity, 'critical' | 'error' | 'warning' | 'info'>;

/**
 * One Events API v2 event. Every event of an incident carries the same
 * `dedup_key`, so PagerDuty folds reminders and escalations into the alert it
 * already has, and acknowledge/resolve reach that alert.
 */
export function pagerdutyEvent(message: AlertMessage, config: PagerdutyConfig): Record<string, unknown> {
  const key = { routing_key: config.routingKey, dedup_key: message.dedupKey };
  if (message.event === 'incident.acknowledged') return { ...key, event_action: 'acknowledge' };
  if (message.event === 'incident.resolved') return { ...key, event_action: 'resolve' };
  const error = lastError(message);
  return {
    ...key,
    event_action: 'trigger',
    payload: {
      summary: truncate(message.title, 1024),
      source: message.site,
      severity: severities[message.severity],
      timestamp: new Date(message.at).toISOString(),
      component: pageTypes(message) || message.incident.deployment,
      group: message.incident.deployment,
      class: message.event === 'channel.test' ? 'test' : message.severity === 'critical' ? 'outage' : 'degradation',
      custom_details: {
        ...Object.fromEntries(alertFacts(message).map((fact) => [fact.label, fact.value])),
        ...(error ? { 'Last error': error } : {}),
        incident: message.incident.id,
        event: message.event,
        details: message.text,
      },
    },
    client: 'Vigil',
    ...(message.incident.url ? { client_url: message.incident.url } : {}),
    links: alertLinks(message).map((link) => ({ href: link.url, text: link.label })),
  };
}
