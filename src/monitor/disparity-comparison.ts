import type { Check, VigilConfig } from '../config/model';
import { extractedOf, type Extracted } from '../checks/extract/definition';
import type { HealthState } from '../evaluate/confirmation';
import type { Disparity } from '../evaluate/disparity';
import type { Store } from '../store/ports';

/**
 * The side-by-side view of production and its backups (`vigil compare`,
 * `GET /api/v1/compare`): per page type and check, each deployment's state,
 * latency (last, p50, p95 over the window), uptime, extracted values, and the
 * disparities open between them. Read from the store only, so it works
 * while a monitor runs elsewhere.
 */

export type DeploymentColumn = {
  deployment: string;
  role: 'primary' | 'backup';
  /** Confirmed state from the alert pipeline; `unknown` before the first result. */
  state: HealthState;
  lastRun: { at: number; ok: boolean; durationMs: number; error?: string } | null;
  latency: { lastMs: number | null; p50Ms: number | null; p95Ms: number | null; runs: number };
  /** 0..1 over the window, null without runs. */
  uptime: number | null;
  extracted: Extracted;
};

export type ComparedCheck = {
  checkId: string;
  name: string;
  kind: string;
  summary: string;
  deployments: DeploymentColumn[];
  /** Raised disparities (pending ones are differences not yet confirmed). */
  disparities: Disparity[];
  pending: Disparity[];
};

export type Comparison = {
  from: number;
  to: number;
  windowMs: number;
  groups: { pageType: string; checks: ComparedCheck[] }[];
};

/** Results read per check × deployment for the percentiles; enough for a day at 1-minute intervals. */
const MAX_RESULTS = 1_000;

export async function loadComparison(config: VigilConfig, store: Store, options: { windowMs: number; check?: string; now: number }): Promise<Comparison> {
  const to = options.now;
  const from = to - options.windowMs;
  const checks = config.checks.filter((check) => check.enabled && (!options.check || check.name === options.check || check.id === options.check));
  const [health, uptime, disparities] = await Promise.all([
    store.loadHealth(),
    checks.length > 0 ? store.uptime({ from, to }, { checkIds: checks.map((c) => c.id) }) : Promise.resolve([]),
    store.listDisparities(),
  ]);
  const compared: { check: Check; row: ComparedCheck }[] = [];
  for (const check of checks) {
    const deployments: DeploymentColumn[] = [];
    for (const deployment of config.deployments.filter((d) => check.deployments.includes(d.name))) {
      const results = await store.listResults({ checkId: check.id, deployment: deployment.name, since: from, limit: MAX_RESULTS });
      const [last] = results.length > 0 ? results : await store.listResults({ checkId: check.id, deployment: deployment.name, limit: 1 });
      const durations = results.filter((r) => r.ok).map((r) => r.durationMs);
      const state = health.find((h) => h.checkId === check.id && h.deployment === deployment.name)?.health.state ?? 'unknown';
      deployments.push({
        deployment: deployment.name,
        role: deployment.role,
        state,
        lastRun: last ? { at: last.startedAt, ok: last.ok, durationMs: last.durationMs, ...(last.error ? { error: last.error } : {}) } : null,
        latency: { lastMs: last?.durationMs ?? null, p50Ms: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95), runs: results.length },
        uptime: uptime.find((u) => u.checkId === check.id && u.deployment === deployment.name)?.ratio ?? null,
        extracted: (last && extractedOf(last.details)) ?? {},
      });
    }
    const own = disparities.filter((d) => d.checkId === check.id);
    compared.push({
      check,
      row: {
        checkId: check.id,
        name: check.name,
        kind: check.kind,
        summary: check.summary,
        deployments,
        disparities: own.filter((d) => d.raisedAt !== undefined),
        pending: own.filter((d) => d.raisedAt === undefined),
      },
    });
  }
  const groupOf = ({ check }: { check: Check }) => check.pageType ?? (check.kind === 'browser' ? 'flows' : 'other checks');
  const names = [...new Set(compared.map(groupOf))];
  return { from, to, windowMs: options.windowMs, groups: names.map((pageType) => ({ pageType, checks: compared.filter((c) => groupOf(c) === pageType).map((c) => c.row) })) };
}

/** Nearest-rank percentile; null without values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
