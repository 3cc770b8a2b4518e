import type { VigilConfig } from '../config/model';
import type { Incident } from '../incidents/model';
import { DISPARITY_PREFIX } from '../incidents/lifecycle';
import { buildMessage } from './message';
import type { NewOutboxItem } from './outbox';
import { routeIncident } from './routing';
import type { AlertEvent } from './types';

/** The outbox rows one incident event causes: one per routed channel (plus channels escalation brought in). */
export function incidentNotifications(config: VigilConfig, event: AlertEvent, incident: Incident, now: number, extraChannels: string[] = []): NewOutboxItem[] {
  // A disparity routes like the check it compares.
  const tagsOf = (checkId: string) => config.checks.find((c) => c.id === checkId.replace(DISPARITY_PREFIX, ''))?.tags ?? [];
  const escalated = config.alerting.reminders.escalation.slice(0, incident.escalationLevel).flatMap((step) => step.channels);
  const channels = [...new Set([...routeIncident(config.channels, incident, tagsOf), ...escalated, ...extraChannels])];
  const message = buildMessage(event, incident, { site: config.site.name, publicUrl: config.alerting.publicUrl, location: config.location, at: now });
  return channels.map((channel) => ({ dedupKey: `${incident.id}:${event}:${now}:${channel}`, channel, incidentId: incident.id, event, message, createdAt: now }));
}
