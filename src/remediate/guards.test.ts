import { describe, expect, it } from 'vitest';
import type { TargetHealth } from '../evaluate/confirmation';
import type { Incident } from '../incidents/model';
import type { MaintenanceWindow } from '../notify/maintenance';
import type { Attempt } from './attempt';
import { checkGuards, type GuardInput } from './guards';
import type { ActionSetting } from './model';

const now = Date.UTC(2026, 10, 25, 14, 0, 0);
const action: ActionSetting = { name: 'failover', kind: 'failover', deployment: 'production', toDeployment: 'backup', provider: { kind: 'webhook', url: 'https://x.example.com' }, requireConfirmation: false, timeoutMs: 10_000 };
const incident: Incident = { id: 7, deployment: 'production', title: 'production is down: home', status: 'open', severity: 'critical', firstFailureAt: now - 200_000, openedAt: now - 180_000, members: [], remindersSent: 0, escalationLevel: 0 };
const health = (overrides: Partial<TargetHealth> = {}): TargetHealth => ({ state: 'up', since: now - 3_600_000, consecutiveFailures: 0, consecutivePasses: 10, consecutiveSlow: 0, recent: '1111', lastResultAt: now - 20_000, locations: {}, ...overrides });
const green = [{ checkId: 'home', intervalMs: 60_000, health: health() }, { checkId: 'cart', intervalMs: 60_000, health: health() }];
const attempt = (status: Attempt['status']): Attempt => ({ id: 3, action: 'failover', kind: 'failover', provider: 'webhook', incidentId: 7, deployment: 'production', actor: 'policy:auto', trigger: 'policy', status, reason: '', startedAt: now - 60_000 });
const freeze: MaintenanceWindow = { name: 'black friday freeze', kind: 'freeze', from: now - 3_600_000, to: now + 3_600_000 };
const maintenance: MaintenanceWindow = { name: 'db upgrade', kind: 'maintenance', from: now - 60_000, to: now + 60_000, deployments: ['production'] };

const base: GuardInput = { action, incident, trigger: 'policy', confirmed: false, force: false, requireTargetGreen: true, targetChecks: green, attempts: [], windows: [], now };

describe('remediation guards', () => {
  it.each<[string, Partial<GuardInput>, string, RegExp?]>([
    ['everything in order', {}, 'run'],
    ['a freeze window refuses everyone', { windows: [freeze], trigger: 'cli', confirmed: true }, 'refused', /freeze window "black friday freeze" is active; remediation is frozen/],
    ['a freeze over other deployments does not', { windows: [{ ...freeze, deployments: ['staging'] }] }, 'run'],
    ['an expired freeze does not', { windows: [{ ...freeze, to: now - 1 }] }, 'run'],
    ['maintenance stops policies', { windows: [maintenance] }, 'refused', /maintenance window "db upgrade" is active; policies do not act/],
    ['maintenance lets a person act', { windows: [maintenance], trigger: 'cli' }, 'run'],
    ['a run for this incident already succeeded', { attempts: [attempt('succeeded')] }, 'refused', /failover already ran for incident #7 \(attempt #3 by policy:auto, succeeded\); an action runs once per incident$/],
    ['one is still running', { attempts: [attempt('running')], trigger: 'api' }, 'refused', /already running for incident #7 .* unless forced/],
    ['a failed run counts too', { attempts: [attempt('failed')] }, 'refused', /already ran/],
    ['refusals and waiting do not count', { attempts: [attempt('refused'), attempt('awaiting_confirmation')] }, 'run'],
    ['a person may force a second run', { attempts: [attempt('succeeded')], trigger: 'cli', force: true }, 'run'],
    ['a policy cannot force', { attempts: [attempt('succeeded')], force: true }, 'refused', /already ran/],
    ['a target check down', { targetChecks: [green[0]!, { checkId: 'cart', intervalMs: 60_000, health: health({ state: 'down', lastError: 'status 500' }) }] }, 'refused', /^backup is not green: cart \(down: status 500\); refusing to switch to it$/],
    ['a target check whose last run failed', { targetChecks: [{ checkId: 'home', intervalMs: 60_000, health: health({ consecutiveFailures: 1, lastError: 'timeout' }) }] }, 'refused', /home \(last run failed: timeout\)/],
    ['a target check without results', { targetChecks: [{ checkId: 'home', intervalMs: 60_000 }] }, 'refused', /home \(no result yet\)/],
    ['a stale result', { targetChecks: [{ checkId: 'home', intervalMs: 60_000, health: health({ lastResultAt: now - 400_000 }) }] }, 'refused', /home \(last result 400s old\)/],
    ['a target without checks', { targetChecks: [] }, 'refused', /backup has no checks/],
    ['a policy that does not require green', { targetChecks: [], requireTargetGreen: false }, 'run'],
    ['confirmation required: a policy waits', { action: { ...action, requireConfirmation: true } }, 'awaiting_confirmation', /requires confirmation: run `vigil failover --incident 7 --action failover --yes`/],
    ['confirmation required: the CLI without --yes is refused', { action: { ...action, requireConfirmation: true }, trigger: 'cli' }, 'refused', /--yes on the command line/],
    ['confirmation given', { action: { ...action, requireConfirmation: true }, trigger: 'api', confirmed: true }, 'run'],
    ['a rollback has no target to check', { action: { ...action, kind: 'rollback', toDeployment: undefined }, targetChecks: [] }, 'run'],
  ])('%s', (_name, overrides, verdict, reason) => {
    const decision = checkGuards({ ...base, ...overrides });
    expect(decision.verdict).toBe(verdict);
    if (reason) expect(decision.verdict !== 'run' && decision.reason).toMatch(reason);
  });

  it('a frozen target is refused before its health is even looked at', () => {
    const decision = checkGuards({ ...base, windows: [freeze], targetChecks: [] });
    expect(decision.verdict === 'refused' && decision.reason).toMatch(/freeze/);
  });
});
