import type { Check, VigilConfig } from '../../config/model';
import type { CheckResult } from '../../domain/check-result';
import type { HealthState, TargetHealth } from '../../evaluate/confirmation';
import { covers, isActive, type MaintenanceWindow } from '../../notify/maintenance';
import type { Store } from '../../store/ports';
import type { CellState, DeploymentInfo, GridCell, GridRow } from './contract';

/**
 * The status grid as data: every check × deployment cell with its state,
 * from what the store holds (the confirmed health the alert pipeline wrote,
 * the latest result) and the configured maintenance windows. Read from the
 * store, never from the monitor's memory, so a separate API process shows
 * the same thing. Two queries per snapshot, whatever the number of checks.
 */

export const cellStates: readonly CellState[] = ['up', 'degraded', 'confirming', 'down', 'maintenance', 'unknown'];

export const emptyCounts = (): Record<CellState, number> => ({ up: 0, degraded: 0, confirming: 0, down: 0, maintenance: 0, unknown: 0 });

export const cellKey = (checkId: string, deployment: string): string => `${checkId}|${deployment}`;

type LatestRun = Pick<CheckResult, 'ok' | 'startedAt' | 'durationMs' | 'error'>;

/**
 * One cell's state. The confirmed health wins (down, degraded, maintenance);
 * a failing last run that is not confirmed yet is `confirming`. An active
 * maintenance window shows as maintenance even before the next run records it.
 */
export function cellOf(check: Pick<Check, 'id' | 'name' | 'tags'>, deployment: string, health: Pick<TargetHealth, 'state'> | HealthState | undefined, last: LatestRun | undefined, activeWindows: readonly MaintenanceWindow[]): GridCell {
  const inWindow = activeWindows.some((window) => covers(window, { checkId: check.id, checkName: check.name, deployment, tags: check.tags }));
  const confirmed = typeof health === 'string' ? health : health?.state;
  let state: CellState;
  if (inWindow || confirmed === 'maintenance') state = 'maintenance';
  else if (confirmed === 'down') state = 'down';
  // A failing run not (yet) confirmed; a passing run resets the streak, so the last run says it all.
  else if (last && !last.ok) state = 'confirming';
  else if (confirmed === 'degraded') state = 'degraded';
  else if (last) state = 'up';
  else state = 'unknown';
  return {
    checkId: check.id,
    deployment,
    state,
    lastRunAt: last?.startedAt ?? null,
    durationMs: last ? Math.round(last.durationMs) : null,
    error: last && !last.ok ? (last.error ?? 'failed').split('\n')[0]!.slice(0, 300) : null,
  };
}

export type GridSnapshot = {
  deployments: DeploymentInfo[];
  /** Every configured check, in config order, with its cells. */
  rows: GridRow[];
  at: number;
};

export const deploymentInfos = (config: VigilConfig): DeploymentInfo[] =>
  config.deployments.map((d) => ({ name: d.name, role: d.role, baseUrl: d.baseUrl, provider: d.provider ?? null }));

export function rowOf(check: Check, cells: Record<string, GridCell>): GridRow {
  return { checkId: check.id, name: check.name, kind: check.kind, pageType: check.pageType ?? null, tags: check.tags, summary: check.summary, cells };
}

/** The whole grid at `now`: one query for the latest results, one for health. */
export async function loadGridSnapshot(config: VigilConfig, store: Store, now = Date.now()): Promise<GridSnapshot> {
  const [latest, health] = await Promise.all([store.latestRuns(), store.healthStates()]);
  const lastByKey = new Map<string, LatestRun>();
  // Several locations may each have a latest result: the newest speaks for the cell.
  for (const result of latest) {
    const key = cellKey(result.checkId, result.deployment);
    const seen = lastByKey.get(key);
    if (!seen || seen.startedAt < result.startedAt) lastByKey.set(key, result);
  }
  // Whether a window is active is asked once per snapshot, not once per cell (a cron window parses its expression).
  const activeWindows = activeMaintenance(config.maintenance, now);
  const healthByKey = new Map(health.map((h) => [cellKey(h.checkId, h.deployment), h.state]));
  const rows = config.checks.map((check) => {
    const cells: Record<string, GridCell> = {};
    for (const deployment of check.deployments) {
      const key = cellKey(check.id, deployment);
      cells[deployment] = cellOf(check, deployment, healthByKey.get(key), lastByKey.get(key), activeWindows);
    }
    return rowOf(check, cells);
  });
  return { deployments: deploymentInfos(config), rows, at: now };
}

export const activeMaintenance = (windows: readonly MaintenanceWindow[], now: number): MaintenanceWindow[] => windows.filter((window) => isActive(window, now));
