import { Hono, type Context } from 'hono';
import type { Check, VigilConfig } from '../../config/model';
import { parseDuration } from '../../domain/duration';
import type { Store } from '../../store/ports';
import type { ServerDeps } from '../app';
import type { CheckDetail, GridCell, Series, SeriesPoint, UptimeBar, UptimeSummary } from './contract';
import { activeMaintenance, cellKey, cellOf, rowOf } from './grid-model';
import { deploymentParam, intParam, NotFoundError, onlyParams, ParamError, textParam, withParams } from './grid-params';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Up to 48 h a chart reads minute buckets (≤ 2,880 points); beyond, hour buckets. */
const MINUTE_RESOLUTION_UP_TO_MS = 48 * HOUR_MS;
const MAX_SERIES_WINDOW_MS = 400 * DAY_MS;
/** Phases are not rolled up: they are averaged from at most this many of the newest raw results in the window. */
export const PHASE_SAMPLE = 1_000;
const PHASE_NAMES = ['dns', 'connect', 'tls', 'firstByte', 'download'] as const;

const uptimeWindows: { window: UptimeSummary['window']; ms: number }[] = [
  { window: '24h', ms: DAY_MS },
  { window: '7d', ms: 7 * DAY_MS },
  { window: '30d', ms: 30 * DAY_MS },
  { window: '90d', ms: 90 * DAY_MS },
];

function checkOf(config: VigilConfig, c: Context): Check {
  const id = c.req.param('id') ?? '';
  const check = config.checks.find((candidate) => candidate.id === id);
  if (!check) throw new NotFoundError('id', `no check "${id.slice(0, 200)}"`);
  return check;
}

/** A deployment the check runs on: the one asked for, else its first. */
function deploymentOf(c: Context, config: VigilConfig, check: Check): string {
  const asked = deploymentParam(c, config.deployments.map((d) => d.name));
  if (asked === undefined) return check.deployments[0]!;
  if (!check.deployments.includes(asked)) throw new ParamError('deployment', `check "${check.id}" does not run on ${asked}; it runs on ${check.deployments.join(', ')}`);
  return asked;
}

/** The cells of one check: its newest result per deployment and its stored health. */
async function cellsOf(config: VigilConfig, store: Store, check: Check, now: number): Promise<Record<string, GridCell>> {
  const [health, latest] = await Promise.all([
    store.healthStates(),
    Promise.all(check.deployments.map((deployment) => store.listResults({ checkId: check.id, deployment, limit: 1 }))),
  ]);
  const healthByKey = new Map(health.map((h) => [cellKey(h.checkId, h.deployment), h.state]));
  const windows = activeMaintenance(config.maintenance, now);
  return Object.fromEntries(check.deployments.map((deployment, index) => [deployment, cellOf(check, deployment, healthByKey.get(cellKey(check.id, deployment)), latest[index]![0], windows)]));
}

/** UTC day `YYYY-MM-DD` of a time. */
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** One bar per UTC day, oldest first, from hour rollups (the current day so far included). */
export async function uptimeBars(store: Store, checkId: string, deployment: string, days: number, now: number): Promise<UptimeBar[]> {
  const firstDay = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const hours = await store.buckets(checkId, deployment, { from: firstDay, to: now + HOUR_MS }, 'hour');
  const bars: UptimeBar[] = Array.from({ length: days }, (_, i) => ({ day: dayOf(firstDay + i * DAY_MS), ratio: null, runs: 0, failures: 0 }));
  for (const hour of hours) {
    const bar = bars[Math.floor((hour.start - firstDay) / DAY_MS)];
    if (!bar) continue;
    bar.runs += hour.runs;
    bar.failures += hour.failures;
  }
  for (const bar of bars) bar.ratio = bar.runs > 0 ? (bar.runs - bar.failures) / bar.runs : null;
  return bars;
}

/** GET /checks/:id, /checks/:id/series, /checks/:id/uptime-bars. */
export function checksApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();

  api.get(
    '/checks/:id',
    withParams(async (c) => {
      onlyParams(c, []);
      const check = checkOf(config, c);
      const now = Date.now();
      const [cells, ...perWindow] = await Promise.all([
        cellsOf(config, store, check, now),
        ...uptimeWindows.map(({ ms }) => store.uptime({ from: now - ms, to: now }, { checkIds: [check.id] })),
      ]);
      const uptime: CheckDetail['uptime'] = {};
      for (const deployment of check.deployments) {
        uptime[deployment] = uptimeWindows.map(({ window }, index) => {
          const found = perWindow[index]!.find((u) => u.deployment === deployment);
          return { window, ratio: found?.ratio ?? null, runs: found?.runs ?? 0, failures: found?.failures ?? 0 };
        });
      }
      const body: CheckDetail = { row: rowOf(check, cells), intervalMs: check.intervalMs, timeoutMs: check.timeoutMs, runbook: check.runbook ?? null, uptime };
      return c.json(body);
    }),
  );

  api.get(
    '/checks/:id/series',
    withParams(async (c) => {
      onlyParams(c, ['deployment', 'window']);
      const check = checkOf(config, c);
      const deployment = deploymentOf(c, config, check);
      const rawWindow = textParam(c, 'window', 20) ?? '24h';
      const windowMs = parseDuration(rawWindow);
      if (windowMs === undefined || windowMs < 60_000 || windowMs > MAX_SERIES_WINDOW_MS) throw new ParamError('window', `expected a duration from 1m to 400d such as 1h, 24h or 30d, got "${rawWindow}"`);
      const now = Date.now();
      const resolution = windowMs <= MINUTE_RESOLUTION_UP_TO_MS ? 'minute' : 'hour';
      const size = resolution === 'minute' ? 60_000 : HOUR_MS;
      const from = Math.floor((now - windowMs) / size) * size;
      const [buckets, raw] = await Promise.all([
        store.buckets(check.id, deployment, { from, to: now + size }, resolution),
        check.kind === 'http' ? store.listResults({ checkId: check.id, deployment, since: from, limit: PHASE_SAMPLE }) : Promise.resolve([]),
      ]);
      // Phases per bucket, averaged over the raw results that have them.
      const phaseSums = new Map<number, { n: number; sums: Record<string, number> }>();
      for (const result of raw) {
        if (!result.phases) continue;
        const start = Math.floor(result.startedAt / size) * size;
        let entry = phaseSums.get(start);
        if (!entry) phaseSums.set(start, (entry = { n: 0, sums: {} }));
        entry.n++;
        for (const name of PHASE_NAMES) entry.sums[name] = (entry.sums[name] ?? 0) + (result.phases[name] ?? 0);
      }
      const points: SeriesPoint[] = buckets.map((bucket) => {
        const point: SeriesPoint = { t: bucket.start, avgMs: bucket.runs > 0 ? Math.round(bucket.avgDurationMs * 10) / 10 : null, maxMs: bucket.runs > 0 ? bucket.maxDurationMs : null, runs: bucket.runs, failures: bucket.failures };
        const phases = phaseSums.get(bucket.start);
        if (phases) point.phases = Object.fromEntries(Object.entries(phases.sums).map(([name, sum]) => [name, Math.round((sum / phases.n) * 10) / 10]));
        return point;
      });
      const body: Series = { checkId: check.id, deployment, resolution, points };
      return c.json(body);
    }),
  );

  api.get(
    '/checks/:id/uptime-bars',
    withParams(async (c) => {
      onlyParams(c, ['deployment', 'days']);
      const check = checkOf(config, c);
      const deployment = deploymentOf(c, config, check);
      const days = intParam(c, 'days', 90, 1, 400);
      const bars: UptimeBar[] = await uptimeBars(store, check.id, deployment, days, Date.now());
      return c.json(bars);
    }),
  );
  return api;
}
