import { describe, expect, it } from 'vitest';
import type { Transition } from '../evaluate/confirmation';
import { acknowledge, defaultIncidentPolicy, onTransition, resolve, titleOf, type AffectedTarget } from './lifecycle';
import type { Incident } from './model';
import { dueReminders } from './reminders';

const down = (at: number, firstFailureAt = at - 20_000): Transition => ({ from: 'up', to: 'down', at, firstFailureAt, reason: '3 failed runs in a row' });
const up = (at: number): Transition => ({ from: 'down', to: 'up', at, reason: '2 passing runs in a row' });
const target = (checkId: string, deployment = 'production', pageType?: string): AffectedTarget => ({ checkId, deployment, pageType, role: deployment === 'production' ? 'primary' : 'backup', lastError: 'status 503' });

function play(steps: [Transition, AffectedTarget][], start: Incident[] = []) {
  let incidents = start;
  let id = Math.max(0, ...start.map((i) => i.id));
  const events: string[] = [];
  for (const [transition, affected] of steps) {
    const change = onTransition(incidents, transition, affected, defaultIncidentPolicy, () => ++id);
    if (!change) continue;
    incidents = [...incidents.filter((i) => i.id !== change.incident.id), change.incident];
    if (change.event) events.push(`${change.incident.id}:${change.event}`);
  }
  return { incidents, events };
}

describe('incident grouping', () => {
  it('all page types of one deployment failing is one incident, not twenty', () => {
    const steps = Array.from({ length: 20 }, (_, i): [Transition, AffectedTarget] => [down(100_000 + i * 1_000), target(`page ${i}`, 'production', `type${i % 7}`)]);
    const { incidents, events } = play(steps);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.members).toHaveLength(20);
    expect(incidents[0]!.title).toBe('production is down: type0, type1, type2 and 4 more');
    expect(events.filter((e) => e.endsWith('opened'))).toHaveLength(1);
  });

  it('different deployments get different incidents, with severity from the role', () => {
    const { incidents } = play([[down(1_000), target('home')], [down(2_000), target('home', 'backup')]]);
    expect(incidents.map((i) => `${i.deployment} ${i.severity}`).sort()).toEqual(['backup warning', 'production critical']);
  });

  it('resolves when every member recovered, not before', () => {
    const { incidents, events } = play([
      [down(1_000), target('home')],
      [down(2_000), target('cart')],
      [up(10_000), target('home')],
    ]);
    expect(incidents[0]!.status).toBe('open');
    const after = play([[up(12_000), target('cart')]], incidents);
    expect(after.incidents[0]).toMatchObject({ status: 'resolved', resolvedAt: 12_000 });
    expect([...events, ...after.events]).toEqual(['1:incident.opened', '1:incident.updated', '1:incident.resolved']);
  });

  it('a failure soon after resolution reopens the incident; a later one opens a new incident', () => {
    const first = play([[down(1_000), target('home')], [up(5_000), target('home')]]);
    const soon = play([[down(5_000 + 60_000), target('home')]], first.incidents);
    expect(soon.incidents).toHaveLength(1);
    expect(soon.incidents[0]!.status).toBe('open');
    const later = play([[down(5_000 + 3_600_000), target('home')]], first.incidents);
    expect(later.incidents).toHaveLength(2);
  });

  it('keeps the timing marks for detection and response times', () => {
    const { incidents } = play([[down(50_000, 10_000), target('home')]]);
    expect(incidents[0]).toMatchObject({ firstFailureAt: 10_000, openedAt: 50_000 });
    const acked = acknowledge(incidents[0]!, 'alice', 70_000).incident;
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedAt: 70_000, acknowledgedBy: 'alice' });
    expect(() => acknowledge(acked, 'bob', 71_000)).toThrow(/only an open incident/);
    expect(resolve(acked, 'alice', 90_000).incident).toMatchObject({ status: 'resolved', resolvedAt: 90_000 });
  });
});

describe('reminders and escalation', () => {
  const open = play([[down(0, 0), target('home')]]).incidents[0]!;
  const policy = { everyMs: 30 * 60_000, escalation: [{ afterMs: 15 * 60_000, channels: ['pagerduty'] }] };

  it('escalates after 15 minutes unacknowledged and reminds every 30', () => {
    expect(dueReminders(open, policy, 10 * 60_000)).toBeUndefined();
    const escalated = dueReminders(open, policy, 15 * 60_000)!;
    expect(escalated).toMatchObject({ remind: false, escalateTo: ['pagerduty'] });
    expect(dueReminders(escalated.incident, policy, 20 * 60_000)).toBeUndefined();
    const reminded = dueReminders(escalated.incident, policy, 30 * 60_000)!;
    expect(reminded).toMatchObject({ remind: true, escalateTo: [] });
    expect(reminded.incident.remindersSent).toBe(1);
  });

  it('stays quiet once acknowledged', () => {
    expect(dueReminders(acknowledge(open, 'alice', 1).incident, policy, 60 * 60_000)).toBeUndefined();
  });
});

describe('incident titles', () => {
  const member = (checkId: string, pageType?: string) => ({ checkId, pageType, since: 0, lastError: 'x' }) as unknown as Parameters<typeof titleOf>[1][number];
  it('says a deployment differs when every member is a disparity, and is down otherwise', () => {
    expect(titleOf('backup', [member('disparity:product [/p/1]', 'product')])).toBe('backup differs: product');
    expect(titleOf('backup', [member('disparity:catalog api')])).toBe('backup differs: catalog api');
    expect(titleOf('backup', [member('disparity:catalog api'), member('home', 'home')])).toBe('backup is down: catalog api, home');
  });
});
