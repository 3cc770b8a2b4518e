import { describe, expect, it } from 'vitest';
import type { Incident, IncidentMember } from '../incidents/model';
import type { ActionSetting, RemediationPolicy } from './model';
import { duePolicies } from './policy';

const now = 10_000_000;
const action: ActionSetting = { name: 'failover', kind: 'failover', deployment: 'production', toDeployment: 'backup', provider: { kind: 'webhook', url: 'https://x.example.com' }, requireConfirmation: false, timeoutMs: 10_000 };
const policy: RemediationPolicy = { name: 'auto', action: 'failover', deployment: 'production', downForMs: 120_000, requireTargetGreen: true };
const member = (checkId: string, confirmedAt: number, recoveredAt?: number): IncidentMember => ({ checkId, deployment: 'production', since: confirmedAt - 20_000, confirmedAt, recoveredAt });
const incident = (members: IncidentMember[], overrides: Partial<Incident> = {}): Incident => ({
  id: 1, deployment: 'production', title: 't', status: 'open', severity: 'critical', firstFailureAt: 0, openedAt: members[0]?.confirmedAt ?? 0, members, remindersSent: 0, escalationLevel: 0, ...overrides,
});

describe('remediation policies', () => {
  it.each<[string, Incident[], number]>([
    ['down for exactly downFor: due', [incident([member('home', now - 120_000)])], 1],
    ['down for less: not yet', [incident([member('home', now - 119_000)])], 0],
    ['counted from the earliest member still down', [incident([member('home', now - 300_000, now - 200_000), member('cart', now - 60_000)])], 0],
    ['every member recovered: not due', [incident([member('home', now - 300_000, now - 10_000)])], 0],
    ['acknowledged still counts', [incident([member('home', now - 300_000)], { status: 'acknowledged' })], 1],
    ['resolved does not', [incident([member('home', now - 300_000)], { status: 'resolved' })], 0],
    ['another deployment does not', [incident([member('home', now - 300_000)], { deployment: 'backup' })], 0],
  ])('%s', (_name, incidents, count) => {
    expect(duePolicies({ policies: [policy], actions: [action], incidents, now })).toHaveLength(count);
  });

  it('names the policy, the action and when the outage was confirmed', () => {
    const [due] = duePolicies({ policies: [policy], actions: [action], incidents: [incident([member('home', now - 200_000), member('cart', now - 150_000)])], now });
    expect(due).toMatchObject({ policy: { name: 'auto' }, action: { name: 'failover' }, incident: { id: 1 }, downSince: now - 200_000 });
  });
});
