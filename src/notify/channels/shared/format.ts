import type { AlertEvent, AlertMessage } from '../../types';

/**
 * What every channel says about an alert, worded once: the channels only lay
 * these pieces out in their service's format, so Slack and e-mail never
 * disagree about what "since" or "status" means.
 */

export type Tone = 'danger' | 'warning' | 'good' | 'info';

export type EventStyle = { emoji: string; word: string; tone: Tone };

const eventStyles = {
  'incident.opened': { emoji: '🔴', word: 'DOWN', tone: 'danger' },
  'incident.updated': { emoji: '🟠', word: 'UPDATED', tone: 'danger' },
  'incident.reminder': { emoji: '⏰', word: 'STILL DOWN', tone: 'danger' },
  'incident.escalated': { emoji: '🚨', word: 'ESCALATED', tone: 'danger' },
  'incident.acknowledged': { emoji: '👀', word: 'ACKNOWLEDGED', tone: 'warning' },
  'incident.resolved': { emoji: '✅', word: 'RESOLVED', tone: 'good' },
  'channel.test': { emoji: '🧪', word: 'TEST', tone: 'info' },
} as const satisfies Record<AlertEvent, EventStyle>;

/** Emoji, upper-case word and tone of an event; an ongoing incident of `warning` severity (degraded) reads orange, not red. */
export function styleOf(message: Pick<AlertMessage, 'event' | 'severity'>): EventStyle {
  const style: EventStyle = eventStyles[message.event];
  return style.tone === 'danger' && message.severity !== 'critical' ? { ...style, tone: 'warning' } : style;
}

/** Discord embed colours (and any other 24-bit RGB a service wants). */
export const toneColours = { danger: 0xd92d20, warning: 0xf79009, good: 0x12b76a, info: 0x2e90fa } as const satisfies Record<Tone, number>;

export type Fact = { label: string; value: string };

/** The labelled facts every channel shows: what, where, since when, and where things stand. */
export function alertFacts(message: AlertMessage): Fact[] {
  return [
    { label: 'Deployment', value: message.incident.deployment },
    { label: 'Page types', value: pageTypes(message) || '—' },
    { label: 'Locations', value: unique(message.affected.map((a) => a.location)).join(', ') || '—' },
    { label: 'Since', value: formatSince(firstFailure(message), message.at) },
    { label: 'Status', value: statusLine(message) },
  ];
}

/** `home page, product page`: the page types affected (the check id when a check has none). */
export function pageTypes(message: AlertMessage): string {
  return unique(message.affected.map((a) => a.pageType ?? a.checkId)).join(', ');
}

/** The first error reported among the affected targets, for a code block under the facts. */
export function lastError(message: AlertMessage): string | undefined {
  return message.affected.find((a) => a.lastError)?.lastError;
}

export type Link = { label: string; url: string };

/** The incident page and the runbook, when known: the buttons a person presses. */
export function alertLinks(message: AlertMessage): Link[] {
  const links: Link[] = [];
  if (message.incident.url) links.push({ label: 'View incident', url: message.incident.url });
  if (message.incident.runbookUrl) links.push({ label: 'Runbook', url: message.incident.runbookUrl });
  return links;
}

/** `2025-05-12 14:01 UTC (13 min ago)`, relative to the event's own time so a retried delivery reads the same. */
export function formatSince(since: number, at: number): string {
  return `${formatTime(since)} (${formatDuration(at - since)} ago)`;
}

/** Minutes are what people act on; seconds only while under a minute. UTC because recipients span time zones. */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function statusLine(message: AlertMessage): string {
  const { incident } = message;
  if (incident.status === 'acknowledged') return incident.acknowledgedBy ? `Acknowledged by ${incident.acknowledgedBy}` : 'Acknowledged';
  if (incident.status === 'resolved') {
    const end = incident.resolvedAt ?? message.at;
    return `Resolved at ${formatTime(end)} after ${formatDuration(end - incident.openedAt)}`;
  }
  return 'Open';
}

function firstFailure(message: AlertMessage): number {
  return message.affected.reduce((first, a) => Math.min(first, a.since), message.incident.openedAt);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
