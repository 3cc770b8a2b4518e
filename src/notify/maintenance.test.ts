import { describe, expect, it } from 'vitest';
import { activeWindowFor, cronProblem, isActive, type MaintenanceWindow } from './maintenance';

const at = (iso: string) => Date.parse(iso);

describe('maintenance windows', () => {
  it('a one-off window is active from its start until (not including) its end', () => {
    const window: MaintenanceWindow = { name: 'migration', kind: 'maintenance', from: at('2026-12-01T02:00:00Z'), to: at('2026-12-01T03:00:00Z') };
    expect(isActive(window, at('2026-12-01T01:59:59Z'))).toBe(false);
    expect(isActive(window, at('2026-12-01T02:00:00Z'))).toBe(true);
    expect(isActive(window, at('2026-12-01T03:00:00Z'))).toBe(false);
  });

  it('a recurring window follows its time zone, across a daylight-saving change', () => {
    // Tuesdays 03:00 Berlin time for an hour: 02:00Z in winter, 01:00Z in summer.
    const window: MaintenanceWindow = { name: 'weekly', kind: 'maintenance', cron: '0 3 * * 2', timezone: 'Europe/Berlin', durationMs: 3_600_000 };
    expect(isActive(window, at('2026-12-01T02:30:00Z'))).toBe(true);
    expect(isActive(window, at('2026-12-01T01:30:00Z'))).toBe(false);
    expect(isActive(window, at('2026-06-02T01:30:00Z'))).toBe(true);
    expect(isActive(window, at('2026-06-02T02:30:00Z'))).toBe(false);
  });

  it('applies only to the deployments, checks and tags it names', () => {
    const windows: MaintenanceWindow[] = [{ name: 'backup deploy', kind: 'freeze', from: 0, to: 10, deployments: ['backup'], tags: ['storefront'] }];
    const target = { checkId: 'home', checkName: 'home', tags: ['storefront'] };
    expect(activeWindowFor(windows, { ...target, deployment: 'backup' }, 5)?.name).toBe('backup deploy');
    expect(activeWindowFor(windows, { ...target, deployment: 'production' }, 5)).toBeUndefined();
    expect(activeWindowFor(windows, { ...target, deployment: 'backup', tags: [] }, 5)).toBeUndefined();
  });

  it('names a bad cron expression or time zone', () => {
    expect(cronProblem('0 3 * * 2', 'Europe/Berlin')).toBeUndefined();
    expect(cronProblem('61 3 * * *')).toMatch(/cron expression/);
    expect(cronProblem('0 3 * * *', 'Mars/Olympus')).toMatch(/time zone/);
  });
});
