import type { Incident } from '../incidents/model';
import type { AlertEvent, AlertMessage } from './types';

const verbs: Record<AlertEvent, string> = {
  'incident.opened': 'DOWN',
  'incident.updated': 'DOWN (more checks failing)',
  'incident.reminder': 'STILL DOWN (unacknowledged)',
  'incident.escalated': 'ESCALATED (unacknowledged)',
  'incident.acknowledged': 'ACKNOWLEDGED',
  'incident.resolved': 'RESOLVED',
  'channel.test': 'TEST',
};

/** The message every channel renders: what is down, where, since when, the last error, links. */
export function buildMessage(event: AlertEvent, incident: Incident, context: { site: string; publicUrl?: string; location: string; at: number }): AlertMessage {
  const open = incident.members.filter((m) => m.recoveredAt === undefined);
  const shown = event === 'incident.resolved' ? incident.members : open.length > 0 ? open : incident.members;
  const url = context.publicUrl ? `${context.publicUrl.replace(/\/$/, '')}/incidents/${incident.id}` : undefined;
  const since = new Date(incident.firstFailureAt).toISOString();
  const lines = [
    `${verbs[event]}: ${incident.title}`,
    `Deployment: ${incident.deployment} · since ${since}${incident.resolvedAt ? ` · resolved after ${minutes(incident.resolvedAt - incident.firstFailureAt)}` : ''}`,
    ...shown.map((m) => `- ${m.checkId}${m.pageType ? ` (${m.pageType})` : ''}: ${m.recoveredAt ? 'recovered' : (m.lastError ?? 'failing')}`),
  ];
  if (incident.acknowledgedBy) lines.push(`Acknowledged by ${incident.acknowledgedBy}`);
  if (incident.runbookUrl) lines.push(`Runbook: ${incident.runbookUrl}`);
  if (url) lines.push(`Incident: ${url}`);
  return {
    event,
    severity: event === 'incident.resolved' || event === 'incident.acknowledged' ? 'info' : incident.severity,
    title: `[${verbs[event]}] ${incident.title}`,
    text: lines.join('\n'),
    incident: {
      id: String(incident.id),
      status: incident.status,
      deployment: incident.deployment,
      openedAt: incident.openedAt,
      resolvedAt: incident.resolvedAt,
      acknowledgedBy: incident.acknowledgedBy,
      url,
      runbookUrl: incident.runbookUrl,
    },
    affected: shown.map((m) => ({ checkId: m.checkId, pageType: m.pageType, deployment: m.deployment, location: context.location, since: m.since, lastError: m.lastError })),
    dedupKey: `vigil-${context.site.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-incident-${incident.id}`,
    at: context.at,
    site: context.site,
  };
}

/** A message for `vigil test-channel`, shaped like a real one so the payload can be judged. */
export function testMessage(site: string, now: number): AlertMessage {
  return {
    event: 'channel.test',
    severity: 'info',
    title: `[TEST] Vigil test message for ${site}`,
    text: `This is a test from Vigil (${site}). If you can read it, the channel works.`,
    incident: { id: 'test', status: 'resolved', deployment: 'test', openedAt: now },
    affected: [],
    dedupKey: `vigil-test-${now}`,
    at: now,
    site,
  };
}

function minutes(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 60_000)} min`;
}
