import { Cron } from 'croner';
import { Hono } from 'hono';
import { formatDuration } from '../../domain/duration';
import { isActive, type MaintenanceWindow } from '../../notify/maintenance';
import type { ServerDeps } from '../app';
import type { MaintenanceInfo } from './contract';
import { onlyParams, withParams } from './grid-params';

/** What a window covers and when, in words. */
function describe(window: MaintenanceWindow): string {
  const when =
    window.from !== undefined && window.to !== undefined
      ? `${new Date(window.from).toISOString()} to ${new Date(window.to).toISOString()}`
      : `cron ${window.cron}${window.timezone ? ` (${window.timezone})` : ''} for ${formatDuration(window.durationMs ?? 0)}`;
  const limits = [
    window.deployments ? `deployments ${window.deployments.join(', ')}` : undefined,
    window.checks ? `checks ${window.checks.join(', ')}` : undefined,
    window.tags ? `tags ${window.tags.join(', ')}` : undefined,
  ].filter(Boolean);
  return `${window.kind === 'freeze' ? 'deploy freeze' : 'maintenance'} ${when}; ${limits.length > 0 ? limits.join('; ') : 'everything'}`;
}

/** The window's current or next occurrence. */
export function maintenanceInfo(window: MaintenanceWindow, now: number): MaintenanceInfo {
  const activeNow = isActive(window, now);
  let nextStart: number | null = null;
  let nextEnd: number | null = null;
  if (window.from !== undefined && window.to !== undefined) {
    if (now < window.to) [nextStart, nextEnd] = [window.from, window.to];
  } else if (window.cron && window.durationMs) {
    const cron = new Cron(window.cron, { timezone: window.timezone, paused: true });
    // While active, the occurrence under way; else the next one.
    const start = cron.nextRun(new Date(activeNow ? now - window.durationMs : now))?.getTime();
    if (start !== undefined) [nextStart, nextEnd] = [start, start + window.durationMs];
  }
  return { name: window.name, kind: window.kind, activeNow, nextStart, nextEnd, description: describe(window) };
}

/** GET /maintenance: the configured windows with whether each is active now. */
export function maintenanceApi({ config }: ServerDeps): Hono {
  const api = new Hono();
  api.get(
    '/maintenance',
    withParams((c) => {
      onlyParams(c, []);
      const now = Date.now();
      return c.json({ windows: config.maintenance.map((window) => maintenanceInfo(window, now)) });
    }),
  );
  return api;
}
