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

/** What a cell needs of the newest run: a stored result or the store's lean LatestRun. */
type LastRun = Pick<CheckResult, 'ok' | 'startedAt' | 'durationMs' | 'error'>;

/**
 * One cell's state. The confirmed health wins (down, degraded, maintenance);
 * a failing last run that is not confirmed yet is `confirming`. An active
 * maintenance window shows as maintenance even before the next run records it.
 */
export function stateOf(check: Pick<Check, 'id' | 'name' | 'tags'>, deployment: string, confirmed: HealthState | undefined, last: LastRun | undefined, activeWindows: readonly MaintenanceWindow[]): CellState {
  if (confirmed === 'maintenance' || (activeWindows.length > 0 && activeWindows.some((window) => covers(window, { checkId: check.id, checkName: check.name, deployment, tags: check.tags })))) return 'maintenance';
  if (confirmed === 'down') return 'down';
  // A failing run not (yet) confirmed; a passing run resets the streak, so the last run says it all.
  if (last && !last.ok) return 'confirming';
  if (confirmed === 'degraded') return 'degraded';
  return last ? 'up' : 'unknown';
}

export function toCell(checkId: string, deployment: string, state: CellState, last: LastRun | undefined): GridCell {
  return {
    checkId,
    deployment,
    state,
    lastRunAt: last?.startedAt ?? null,
    durationMs: last ? Math.round(last.durationMs) : null,
    error: last && !last.ok ? (last.error ?? 'failed').split('\n')[0]!.slice(0, 300) : null,
  };
}

/** A cell from a check's stored health (or its state alone) and newest run. */
export function cellOf(check: Pick<Check, 'id' | 'name' | 'tags'>, deployment: string, health: Pick<TargetHealth, 'state'> | HealthState | undefined, last: LastRun | undefined, activeWindows: readonly MaintenanceWindow[]): GridCell {
  const confirmed = typeof health === 'string' ? health : health?.state;
  return toCell(check.id, deployment, stateOf(check, deployment, confirmed, last, activeWindows), last);
}

export type GridSnapshot = {
  deployments: DeploymentInfo[];
  /** Every configured check, in config order. */
  checks: readonly Check[];
  /** The cell state of check `index` on a deployment; undefined when the check does not run there. */
  stateOf(index: number, deployment: string): CellState | undefined;
  cellOf(index: number, deployment: string): GridCell | undefined;
  row(index: number): GridRow;
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
  // Per deployment, by check id: no key strings built per cell.
  const byDeployment = <T>() => new Map(config.deployments.map((d) => [d.name, new Map<string, T>()]));
  const lastRuns = byDeployment<LastRun>();
  // Several locations may each have a latest result: the newest speaks for the cell.
  for (const run of latest) {
    const runs = lastRuns.get(run.deployment);
    const seen = runs?.get(run.checkId);
    if (runs && (!seen || seen.startedAt < run.startedAt)) runs.set(run.checkId, run);
  }
  const healthStates = byDeployment<HealthState>();
  for (const h of health) healthStates.get(h.deployment)?.set(h.checkId, h.state);
  // Whether a window is active is asked once per snapshot, not once per cell (a cron window parses its expression).
  const activeWindows = activeMaintenance(config.maintenance, now);
  const checks = config.checks;
  const deploymentIndex = new Map(config.deployments.map((d, i) => [d.name, i]));
  const width = config.deployments.length;
  const states: (CellState | undefined)[] = new Array(checks.length * width);
  checks.forEach((check, index) => {
    for (const deployment of check.deployments) {
      const column = deploymentIndex.get(deployment);
      if (column === undefined) continue;
      const last = lastRuns.get(deployment)!.get(check.id);
      states[index * width + column] = stateOf(check, deployment, healthStates.get(deployment)!.get(check.id), last, activeWindows);
    }
  });
  const stateAt = (index: number, deployment: string) => {
    const column = deploymentIndex.get(deployment);
    return column === undefined ? undefined : states[index * width + column];
  };
  const cellAt = (index: number, deployment: string): GridCell | undefined => {
    const state = stateAt(index, deployment);
    return state === undefined ? undefined : toCell(checks[index]!.id, deployment, state, lastRuns.get(deployment)!.get(checks[index]!.id));
  };
  return {
    deployments: deploymentInfos(config),
    checks,
    stateOf: stateAt,
    cellOf: cellAt,
    row: (index) => rowOf(checks[index]!, Object.fromEntries(checks[index]!.deployments.flatMap((d) => (cellAt(index, d) ? [[d, cellAt(index, d)!]] : [])))),
    at: now,
  };
}

export const activeMaintenance = (windows: readonly MaintenanceWindow[], now: number): MaintenanceWindow[] => windows.filter((window) => isActive(window, now));
