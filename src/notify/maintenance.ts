import { Cron } from 'croner';

/**
 * Maintenance windows and deploy freezes: while one is active, matching
 * targets show as `maintenance` and nothing pages. One-off windows have
 * `from`/`to`; recurring ones a cron expression in a time zone and a duration.
 */
export type MaintenanceWindow = {
  name: string;
  kind: 'maintenance' | 'freeze';
  from?: number;
  to?: number;
  cron?: string;
  timezone?: string;
  durationMs?: number;
  /** Limits; a window without limits covers everything. */
  deployments?: string[];
  checks?: string[];
  tags?: string[];
};

export function isActive(window: MaintenanceWindow, now: number): boolean {
  if (window.from !== undefined && window.to !== undefined) return now >= window.from && now < window.to;
  if (window.cron && window.durationMs) {
    // A window that started at s covers [s, s + duration): is there a start in (now - duration, now]?
    const start = new Cron(window.cron, { timezone: window.timezone, paused: true }).nextRun(new Date(now - window.durationMs));
    return start !== null && start.getTime() <= now;
  }
  return false;
}

export function covers(window: MaintenanceWindow, target: { checkId: string; checkName: string; deployment: string; tags: string[] }): boolean {
  if (window.deployments && !window.deployments.includes(target.deployment)) return false;
  if (window.checks && !window.checks.includes(target.checkId) && !window.checks.includes(target.checkName)) return false;
  if (window.tags && !window.tags.some((tag) => target.tags.includes(tag))) return false;
  return true;
}

export function activeWindowFor(
  windows: readonly MaintenanceWindow[],
  target: { checkId: string; checkName: string; deployment: string; tags: string[] },
  now: number,
): MaintenanceWindow | undefined {
  return windows.find((window) => covers(window, target) && isActive(window, now));
}

/** Checks a cron expression and time zone; returns a problem message or undefined. */
export function cronProblem(expression: string, timezone?: string): string | undefined {
  try {
    new Cron(expression, { timezone, paused: true }).nextRun();
    return undefined;
  } catch (error) {
    return `expected a cron expression${timezone ? ` and an IANA time zone` : ''}: ${(error as Error).message}`;
  }
}
