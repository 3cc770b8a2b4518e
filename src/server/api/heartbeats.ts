import { Hono } from 'hono';
import { formatDuration } from '../../domain/duration';
import { expectation, nextExpected } from '../../heartbeats/expectation';
import type { Heartbeat, HeartbeatState } from '../../heartbeats/model';
import type { ServerDeps } from '../app';
import type { HeartbeatInfo } from './contract';
import { intParam, NotFoundError, onlyParams, withParams } from './grid-params';

export const scheduleText = (heartbeat: Heartbeat): string =>
  heartbeat.schedule.kind === 'period'
    ? `every ${formatDuration(heartbeat.schedule.periodMs)}, grace ${formatDuration(heartbeat.graceMs)}`
    : `cron ${heartbeat.schedule.cron} (${heartbeat.schedule.timezone}), grace ${formatDuration(heartbeat.graceMs)}`;

/** What the dashboard shows of a heartbeat, from its remembered ping state at `now`. */
export function heartbeatInfo(heartbeat: Heartbeat, state: HeartbeatState | undefined, lastPingKind: string | null, now: number): HeartbeatInfo {
  const expected = expectation(heartbeat, state, now);
  const anchor = state?.lastSuccessAt ?? state?.watchedSince ?? now;
  return {
    name: heartbeat.name,
    state: expected.status,
    lastPingAt: state?.lastPingAt ?? null,
    lastPingKind,
    nextExpectedAt: nextExpected(heartbeat.schedule, anchor) ?? null,
    schedule: scheduleText(heartbeat),
    tags: heartbeat.tags,
  };
}

/** GET /heartbeats and /heartbeats/:name/pings. Ping URLs (which hold the secret id) are not shown. */
export function heartbeatsApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();
  api.get(
    '/heartbeats',
    withParams(async (c) => {
      onlyParams(c, []);
      const now = Date.now();
      const states = new Map((await store.heartbeatStates()).map((state) => [state.heartbeatId, state]));
      // The last ping's kind: one small indexed read per heartbeat (heartbeats are few, unlike checks).
      const kinds = await Promise.all(config.heartbeats.map((heartbeat) => store.listPings({ heartbeatId: heartbeat.id, limit: 1 })));
      const heartbeats = config.heartbeats.map((heartbeat, index) => heartbeatInfo(heartbeat, states.get(heartbeat.id), kinds[index]![0]?.kind ?? null, now));
      return c.json({ heartbeats });
    }),
  );
  api.get(
    '/heartbeats/:name/pings',
    withParams(async (c) => {
      onlyParams(c, ['limit']);
      const name = c.req.param('name') ?? '';
      const heartbeat = config.heartbeats.find((candidate) => candidate.name === name);
      if (!heartbeat) throw new NotFoundError('name', `no heartbeat "${name.slice(0, 200)}"`);
      const limit = intParam(c, 'limit', 50, 1, 1000);
      const pings = await store.listPings({ heartbeatId: heartbeat.id, limit });
      // The secret id is the heartbeat's ping URL: answered by name instead.
      return c.json({ heartbeat: heartbeat.name, pings: pings.map(({ heartbeatId: _id, ...ping }) => ping) });
    }),
  );
  return api;
}
