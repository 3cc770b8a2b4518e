import { describe, expect, it } from 'vitest';
import { expectation, type HeartbeatStatus } from './expectation';
import type { Heartbeat, HeartbeatState, Ping } from './model';
import { applyPing, newState } from './state';

const t = (isoTime: string) => Date.parse(isoTime);
const hb = (over: Partial<Heartbeat>): Heartbeat => ({
  name: 'job', id: 'abcdefghijklmnop', schedule: { kind: 'period', periodMs: 3_600_000 }, graceMs: 300_000, tags: [], deployment: 'heartbeats', ...over,
});
const daily = (cron: string, timezone: string): Heartbeat['schedule'] => ({ kind: 'cron', cron, timezone });
const state = (over: Partial<HeartbeatState>): HeartbeatState => ({ heartbeatId: 'abcdefghijklmnop', watchedSince: t('2026-01-01T00:00:00Z'), openRuns: {}, pings: 1, ...over });

type Row = { name: string; heartbeat: Heartbeat; state?: HeartbeatState; now: string; status: HeartbeatStatus; dueAt?: string; missed?: number };

const rows: Row[] = [
  // period + grace
  { name: 'never pinged, first run not yet overdue', heartbeat: hb({}), state: state({ pings: 0 }), now: '2026-01-01T01:04:00Z', status: 'new', dueAt: '2026-01-01T01:05:00Z' },
  { name: 'never pinged, past period + grace', heartbeat: hb({}), state: state({ pings: 0 }), now: '2026-01-01T01:05:00Z', status: 'late', missed: 1 },
  { name: 'pinged, within period', heartbeat: hb({}), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z') }), now: '2026-01-01T10:59:00Z', status: 'up', dueAt: '2026-01-01T11:05:00Z' },
  { name: 'pinged, past period but within grace is still up', heartbeat: hb({}), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z') }), now: '2026-01-01T11:04:59Z', status: 'up' },
  { name: 'pinged, past period + grace is late', heartbeat: hb({}), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z') }), now: '2026-01-01T11:05:00Z', status: 'late', missed: 1, dueAt: '2026-01-01T12:05:00Z' },
  { name: 'three missed runs counted', heartbeat: hb({}), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z') }), now: '2026-01-01T13:06:00Z', status: 'late', missed: 3 },
  // failure signals
  { name: 'a failure after the last success is down at once', heartbeat: hb({}), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z'), lastFailureAt: t('2026-01-01T10:30:00Z') }), now: '2026-01-01T10:31:00Z', status: 'down' },
  { name: 'a success after a failure is up', heartbeat: hb({}), state: state({ lastSuccessAt: t('2026-01-01T10:40:00Z'), lastFailureAt: t('2026-01-01T10:30:00Z') }), now: '2026-01-01T10:41:00Z', status: 'up' },
  { name: 'a start without finish past maxDuration is down', heartbeat: hb({ maxDurationMs: 600_000 }), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z'), openRuns: { r1: t('2026-01-01T10:30:00Z') } }), now: '2026-01-01T10:40:00Z', status: 'down' },
  { name: 'a start within maxDuration is fine', heartbeat: hb({ maxDurationMs: 600_000 }), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z'), openRuns: { r1: t('2026-01-01T10:30:00Z') } }), now: '2026-01-01T10:39:59Z', status: 'up' },
  { name: 'an overrun followed by a later success is over', heartbeat: hb({ maxDurationMs: 600_000 }), state: state({ lastSuccessAt: t('2026-01-01T10:45:00Z'), openRuns: { r1: t('2026-01-01T10:30:00Z') } }), now: '2026-01-01T10:46:00Z', status: 'up' },
  { name: 'a run faster than minDuration is down', heartbeat: hb({ minDurationMs: 60_000 }), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z'), lastDurationMs: 2_000 }), now: '2026-01-01T10:01:00Z', status: 'down' },
  { name: 'a run slower than minDuration is up', heartbeat: hb({ minDurationMs: 60_000 }), state: state({ lastSuccessAt: t('2026-01-01T10:00:00Z'), lastDurationMs: 90_000 }), now: '2026-01-01T10:01:00Z', status: 'up' },
  // cron with time zones
  { name: 'cron in UTC: daily 03:00, before 03:05', heartbeat: hb({ schedule: daily('0 3 * * *', 'UTC') }), state: state({ lastSuccessAt: t('2026-02-01T03:00:10Z') }), now: '2026-02-02T03:04:00Z', status: 'up', dueAt: '2026-02-02T03:05:00Z' },
  { name: 'cron in UTC: daily 03:00, after grace', heartbeat: hb({ schedule: daily('0 3 * * *', 'UTC') }), state: state({ lastSuccessAt: t('2026-02-01T03:00:10Z') }), now: '2026-02-02T03:05:00Z', status: 'late', missed: 1 },
  { name: 'cron in New York (EST, UTC-5)', heartbeat: hb({ schedule: daily('0 9 * * 1-5', 'America/New_York') }), state: state({ lastSuccessAt: t('2026-02-06T14:00:00Z') }), now: '2026-02-09T14:04:00Z', status: 'up', dueAt: '2026-02-09T14:05:00Z' },
  { name: 'cron in New York skips the weekend', heartbeat: hb({ schedule: daily('0 9 * * 1-5', 'America/New_York') }), state: state({ lastSuccessAt: t('2026-02-06T14:00:00Z') }), now: '2026-02-08T20:00:00Z', status: 'up' },
  { name: 'cron in Tokyo (UTC+9)', heartbeat: hb({ schedule: daily('0 3 * * *', 'Asia/Tokyo') }), state: state({ lastSuccessAt: t('2026-02-01T18:00:00Z') }), now: '2026-02-02T18:06:00Z', status: 'late' },
  // DST, Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET
  { name: 'Berlin spring forward: 03:00 local is 01:00Z, 23 h after the previous run', heartbeat: hb({ schedule: daily('0 3 * * *', 'Europe/Berlin') }), state: state({ lastSuccessAt: t('2026-03-28T02:00:00Z') }), now: '2026-03-29T01:04:00Z', status: 'up', dueAt: '2026-03-29T01:05:00Z' },
  { name: 'Berlin spring forward: late 23 h 5 min later, not 24 h', heartbeat: hb({ schedule: daily('0 3 * * *', 'Europe/Berlin') }), state: state({ lastSuccessAt: t('2026-03-28T02:00:00Z') }), now: '2026-03-29T01:05:00Z', status: 'late', missed: 1 },
  { name: 'Berlin spring forward: 02:30 does not exist, expected at 03:30 CEST', heartbeat: hb({ schedule: daily('30 2 * * *', 'Europe/Berlin') }), state: state({ lastSuccessAt: t('2026-03-28T01:30:00Z') }), now: '2026-03-29T01:34:00Z', status: 'up', dueAt: '2026-03-29T01:35:00Z' },
  { name: 'Berlin fall back: 03:00 local is 02:00Z, 25 h after the previous run', heartbeat: hb({ schedule: daily('0 3 * * *', 'Europe/Berlin') }), state: state({ lastSuccessAt: t('2026-10-24T01:00:00Z') }), now: '2026-10-25T01:30:00Z', status: 'up', dueAt: '2026-10-25T02:05:00Z' },
  { name: 'Berlin fall back: late only after 02:05Z', heartbeat: hb({ schedule: daily('0 3 * * *', 'Europe/Berlin') }), state: state({ lastSuccessAt: t('2026-10-24T01:00:00Z') }), now: '2026-10-25T02:05:00Z', status: 'late', missed: 1 },
  { name: 'Berlin fall back: 02:30 happens twice but is expected once', heartbeat: hb({ schedule: daily('30 2 * * *', 'Europe/Berlin') }), state: state({ lastSuccessAt: t('2026-10-25T01:30:00Z') }), now: '2026-10-25T03:00:00Z', status: 'up', dueAt: '2026-10-26T01:35:00Z' },
];

describe('heartbeat expectations', () => {
  it.each(rows)('$name', (row) => {
    const result = expectation(row.heartbeat, row.state, t(row.now));
    expect(result.status).toBe(row.status);
    if (row.dueAt) expect(new Date(result.dueAt!).toISOString()).toBe(new Date(t(row.dueAt)).toISOString());
    if (row.missed !== undefined) expect(result.missedRuns).toBe(row.missed);
  });

  it('gives each missed run its own event key, and the same key while nothing changes', () => {
    const s = state({ lastSuccessAt: t('2026-01-01T10:00:00Z') });
    const first = expectation(hb({}), s, t('2026-01-01T11:05:00Z'));
    expect(expectation(hb({}), s, t('2026-01-01T11:30:00Z')).event?.key).toBe(first.event?.key);
    expect(expectation(hb({}), s, t('2026-01-01T12:05:00Z')).event?.key).not.toBe(first.event?.key);
    expect(first.event?.ok).toBe(false);
  });
});

describe('heartbeat state from pings', () => {
  const ping = (over: Partial<Ping>): Ping => ({ heartbeatId: 'abcdefghijklmnop', at: 0, kind: 'success', truncated: false, method: 'GET', ...over });

  it('pairs starts and finishes of overlapping runs by run id', () => {
    let s = newState('abcdefghijklmnop', 0);
    s = applyPing(s, ping({ kind: 'start', runId: 'a', at: 1_000 }));
    s = applyPing(s, ping({ kind: 'start', runId: 'b', at: 2_000 }));
    s = applyPing(s, ping({ kind: 'success', runId: 'a', at: 10_000 }));
    expect(s.lastDurationMs).toBe(9_000);
    expect(s.openRuns).toEqual({ b: 2_000 });
    s = applyPing(s, ping({ kind: 'exit', exitCode: 3, runId: 'b', at: 4_000 }));
    expect(s.lastDurationMs).toBe(2_000);
    expect(s.lastFailureReason).toMatch(/code 3/);
    expect(s.openRuns).toEqual({});
  });

  it('treats exit 0 as success and a log ping as neither', () => {
    let s = applyPing(newState('abcdefghijklmnop', 0), ping({ kind: 'exit', exitCode: 0, at: 5 }));
    expect(s.lastSuccessAt).toBe(5);
    s = applyPing(s, ping({ kind: 'log', at: 9 }));
    expect(s).toMatchObject({ lastSuccessAt: 5, lastPingAt: 9, pings: 2 });
  });
});
