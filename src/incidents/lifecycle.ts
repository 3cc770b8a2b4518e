import type { Transition } from '../evaluate/confirmation';
import type { AlertEvent } from '../notify/types';
import type { Incident, IncidentMember, TimelineEntry } from './model';

/**
 * Incident decisions as pure functions: given the incidents and a confirmed
 * transition, what changes, what goes on the timeline, and which event to
 * notify. The pipeline stores the outcome in the same transaction as the
 * result that caused it.
 */

export type IncidentPolicy = {
  /** A deployment failing again this soon after its incident resolved reopens it instead of paging anew. */
  groupingWindowMs: number;
  /** Resolve the incident when every member has recovered. */
  autoResolve: boolean;
};

export const defaultIncidentPolicy: IncidentPolicy = { groupingWindowMs: 10 * 60_000, autoResolve: true };

export type AffectedTarget = { checkId: string; deployment: string; pageType?: string; role: 'primary' | 'backup'; lastError?: string; runbookUrl?: string };

export type IncidentChange = { incident: Incident; timeline: TimelineEntry[]; event?: AlertEvent };

export function onTransition(
  incidents: readonly Incident[],
  transition: Transition,
  target: AffectedTarget,
  policy: IncidentPolicy,
  nextId: () => number,
): IncidentChange | undefined {
  const at = transition.at;
  if (transition.to === 'down') {
    const member: IncidentMember = {
      checkId: target.checkId,
      deployment: target.deployment,
      pageType: target.pageType,
      since: transition.firstFailureAt ?? at,
      confirmedAt: at,
      lastError: target.lastError,
    };
    const open = incidents.find((incident) => incident.deployment === target.deployment && incident.status !== 'resolved');
    if (open) {
      const members = [...open.members.filter((m) => m.checkId !== target.checkId), member];
      const incident = { ...open, members, title: titleOf(open.deployment, members), firstFailureAt: Math.min(open.firstFailureAt, member.since), runbookUrl: open.runbookUrl ?? target.runbookUrl };
      return { incident, timeline: [entry(open.id, at, 'joined', `${target.checkId} is down too (${transition.reason}): ${target.lastError ?? 'failed'}`)], event: 'incident.updated' };
    }
    const recent = incidents
      .filter((incident) => incident.deployment === target.deployment && incident.resolvedAt !== undefined && at - incident.resolvedAt <= policy.groupingWindowMs)
      .sort((a, b) => b.resolvedAt! - a.resolvedAt!)[0];
    if (recent) {
      const members = [...recent.members.filter((m) => m.checkId !== target.checkId), member];
      const incident: Incident = { ...recent, status: 'open', resolvedAt: undefined, resolvedBy: undefined, acknowledgedAt: undefined, acknowledgedBy: undefined, members, title: titleOf(recent.deployment, members) };
      return { incident, timeline: [entry(recent.id, at, 'reopened', `${target.checkId} failed again ${Math.round((at - recent.resolvedAt!) / 1000)}s after resolution: reopened`)], event: 'incident.opened' };
    }
    const id = nextId();
    const incident: Incident = {
      id,
      deployment: target.deployment,
      title: titleOf(target.deployment, [member]),
      status: 'open',
      severity: target.role === 'primary' ? 'critical' : 'warning',
      firstFailureAt: member.since,
      openedAt: at,
      members: [member],
      runbookUrl: target.runbookUrl,
      remindersSent: 0,
      escalationLevel: 0,
    };
    return {
      incident,
      timeline: [
        entry(id, member.since, 'first_failure', `${target.checkId} failed: ${target.lastError ?? 'failed'}`),
        entry(id, at, 'confirmed', `${target.checkId} confirmed down (${transition.reason})`),
      ],
      event: 'incident.opened',
    };
  }

  if (transition.from === 'down') {
    const open = incidents.find(
      (incident) => incident.status !== 'resolved' && incident.members.some((m) => m.checkId === target.checkId && m.deployment === target.deployment && m.recoveredAt === undefined),
    );
    if (!open) return undefined;
    const members = open.members.map((m) => (m.checkId === target.checkId && m.recoveredAt === undefined ? { ...m, recoveredAt: at } : m));
    const timeline = [entry(open.id, at, 'recovered', `${target.checkId} recovered (${transition.reason})`)];
    const allRecovered = members.every((m) => m.recoveredAt !== undefined);
    if (allRecovered && policy.autoResolve) {
      return {
        incident: { ...open, members, status: 'resolved', resolvedAt: at, resolvedBy: 'vigil (all checks recovered)' },
        timeline: [...timeline, entry(open.id, at, 'resolved', 'resolved: every affected check recovered', 'vigil')],
        event: 'incident.resolved',
      };
    }
    return { incident: { ...open, members }, timeline };
  }
  return undefined;
}

export function acknowledge(incident: Incident, by: string, at: number): IncidentChange {
  if (incident.status !== 'open') throw new Error(`incident ${incident.id} is ${incident.status}; only an open incident can be acknowledged`);
  return {
    incident: { ...incident, status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: by },
    timeline: [entry(incident.id, at, 'acknowledged', `acknowledged by ${by}`, by)],
    event: 'incident.acknowledged',
  };
}

export function resolve(incident: Incident, by: string, at: number, note?: string): IncidentChange {
  if (incident.status === 'resolved') throw new Error(`incident ${incident.id} is already resolved`);
  return {
    incident: { ...incident, status: 'resolved', resolvedAt: at, resolvedBy: by },
    timeline: [entry(incident.id, at, 'resolved', `resolved by ${by}${note ? `: ${note}` : ''}`, by)],
    event: 'incident.resolved',
  };
}

/** Subjects raised by the disparity watch are named `disparity:<checkId>`. */
export const DISPARITY_PREFIX = 'disparity:';

export function titleOf(deployment: string, members: IncidentMember[]): string {
  const names = [...new Set(members.map((m) => m.pageType ?? m.checkId.replace(DISPARITY_PREFIX, '')))];
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  // A deployment that serves different content is up, just wrong: say so rather than "down".
  const onlyDisparities = members.every((m) => m.checkId.startsWith(DISPARITY_PREFIX));
  return `${deployment} ${onlyDisparities ? 'differs' : 'is down'}: ${shown}`;
}

function entry(incidentId: number, at: number, type: TimelineEntry['type'], message: string, actor?: string): TimelineEntry {
  return { incidentId, at, type, message, actor };
}
