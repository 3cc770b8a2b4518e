import type { Incident, TimelineEntry } from './model';

/** Reminders while nobody acknowledges, and escalation to further channels after a delay. Pure. */

export type EscalationStep = { afterMs: number; channels: string[] };
export type ReminderPolicy = { everyMs?: number; escalation: EscalationStep[] };

export type ReminderDecision = {
  incident: Incident;
  timeline: TimelineEntry[];
  /** A reminder to the incident's usual channels. */
  remind: boolean;
  /** Channels to bring in now, by escalation. */
  escalateTo: string[];
};

export function dueReminders(incident: Incident, policy: ReminderPolicy, now: number): ReminderDecision | undefined {
  if (incident.status !== 'open') return undefined;
  let next = incident;
  const timeline: TimelineEntry[] = [];
  let remind = false;
  const escalateTo: string[] = [];
  if (policy.everyMs !== undefined && now - (incident.lastReminderAt ?? incident.openedAt) >= policy.everyMs) {
    remind = true;
    next = { ...next, remindersSent: next.remindersSent + 1, lastReminderAt: now };
    timeline.push({ incidentId: incident.id, at: now, type: 'reminder', message: `reminder ${next.remindersSent}: still unacknowledged` });
  }
  for (const [index, step] of policy.escalation.entries()) {
    if (index < next.escalationLevel || now - incident.openedAt < step.afterMs) continue;
    escalateTo.push(...step.channels);
    next = { ...next, escalationLevel: index + 1 };
    timeline.push({ incidentId: incident.id, at: now, type: 'escalated', message: `unacknowledged for ${Math.round((now - incident.openedAt) / 60_000)} min: escalated to ${step.channels.join(', ')}` });
  }
  return remind || escalateTo.length > 0 ? { incident: next, timeline, remind, escalateTo } : undefined;
}
