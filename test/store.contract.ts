/**
 * The behaviour every Store adapter must have. An adapter's test file calls
 * runStoreContract with a factory that opens a fresh, empty store.
 *
 * Semantics pinned here: a run belongs to a window when its minute starts in
 * [from, to); uptime lists every known check × deployment matching the
 * filter, with runs 0 and ratio null when none fell in the window; rollup
 * durations are whole milliseconds; results are listed newest id first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/domain/check-result';
import type { Store } from '../src/store/ports';

export type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

const M = 60_000;
const H = 3_600_000;
const D = 86_400_000;
/** A Monday, 12:00 UTC: hour-aligned so windows below read plainly. */
const T0 = Date.UTC(2025, 0, 6, 12);

export function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return { checkId: 'home', deployment: 'primary', location: 'local', startedAt: T0, ok: true, durationMs: 100, assertions: [], ...overrides };
}

/** One run a minute over [from, to), failing where `fails` says. */
function everyMinute(from: number, to: number, fails: (t: number) => boolean = () => false, base: Partial<CheckResult> = {}): CheckResult[] {
  const runs: CheckResult[] = [];
  for (let t = from; t < to; t += M) runs.push(result({ ...base, startedAt: t + 7_000, ok: !fails(t), durationMs: 100 + ((t / M) % 7) }));
  return runs;
}

/** What uptime must say, computed from raw results: a run counts when its minute starts in [from, to). */
function expectedUptime(all: CheckResult[], from: number, to: number) {
  const inside = all.filter((r) => {
    const minute = Math.floor(r.startedAt / M) * M;
    return minute >= from && minute < to;
  });
  const failures = inside.filter((r) => !r.ok).length;
  const duration = inside.reduce((sum, r) => sum + Math.round(r.durationMs), 0);
  return { runs: inside.length, failures, ratio: inside.length ? (inside.length - failures) / inside.length : null, avg: inside.length ? duration / inside.length : null };
}

export function runStoreContract({ name, newStore }: { name: string; newStore: StoreFactory }): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await newStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('results', () => {
      it('returns every field as written: JSON back as objects, ok as a boolean, absent optionals absent', async () => {
        const full = result({
          startedAt: T0 + 1_234,
          plannedAt: T0 + 1_000,
          ok: false,
          durationMs: 812.5,
          phases: { dns: 1.5, connect: 2, tls: 10.25, firstByte: 700, download: 99, total: 812.5 },
          error: 'status 503, expected 200',
          assertions: [
            { assertion: 'status equals 200', ok: false, actual: '503' },
            { assertion: 'body contains "Add to cart"', ok: true },
          ],
          details: { status: 503, bytes: 1234, addresses: ['127.0.0.1'], cert: { daysLeft: 12 }, note: 'ünïcødé ✓' },
        });
        const minimal = result({ checkId: 'cart', startedAt: T0 + 2_000 });
        await store.insertResults([full, minimal]);

        const [second, first] = await store.listResults({});
        expect(first).toStrictEqual({ ...full, id: expect.any(Number) });
        expect(second).toStrictEqual({ ...minimal, id: expect.any(Number) });
        expect(second!.id).toBeGreaterThan(first!.id);
      });

      it('accepts an empty batch', async () => {
        await store.insertResults([]);
        expect(await store.listResults({})).toEqual([]);
      });

      it('lists newest first and filters by check, deployment, start time and failures', async () => {
        await store.insertResults([
          result({ checkId: 'home', deployment: 'primary', startedAt: T0 }),
          result({ checkId: 'home', deployment: 'backup', startedAt: T0 + 1, ok: false, error: 'down' }),
          result({ checkId: 'cart', deployment: 'primary', startedAt: T0 + 2, ok: false, error: 'down' }),
        ]);
        await store.insertResults([result({ checkId: 'home', deployment: 'primary', startedAt: T0 + 3 })]);

        const key = (r: CheckResult) => `${r.checkId}/${r.deployment}@${r.startedAt - T0}`;
        expect((await store.listResults({})).map(key)).toEqual(['home/primary@3', 'cart/primary@2', 'home/backup@1', 'home/primary@0']);
        expect((await store.listResults({ checkId: 'home' })).map(key)).toEqual(['home/primary@3', 'home/backup@1', 'home/primary@0']);
        expect((await store.listResults({ deployment: 'primary' })).map(key)).toEqual(['home/primary@3', 'cart/primary@2', 'home/primary@0']);
        expect((await store.listResults({ checkId: 'home', deployment: 'primary' })).map(key)).toEqual(['home/primary@3', 'home/primary@0']);
        expect((await store.listResults({ since: T0 + 2 })).map(key)).toEqual(['home/primary@3', 'cart/primary@2']);
        expect((await store.listResults({ failedOnly: true })).map(key)).toEqual(['cart/primary@2', 'home/backup@1']);
        expect((await store.listResults({ failedOnly: true, checkId: 'home', deployment: 'backup' })).map(key)).toEqual(['home/backup@1']);
        expect(await store.listResults({ checkId: 'nope' })).toEqual([]);
      });

      it('pages with beforeId without gaps or repeats; limit defaults to 50 and is capped at 1000', async () => {
        await store.insertResults(everyMinute(T0, T0 + 1_100 * M));
        const all = (await store.listResults({ limit: 5_000 })).map((r) => r.id);
        expect(all).toHaveLength(1_000);
        expect(await store.listResults({})).toHaveLength(50);

        const seen: number[] = [];
        let beforeId: number | undefined;
        for (;;) {
          const page = await store.listResults({ limit: 300, ...(beforeId === undefined ? {} : { beforeId }) });
          if (page.length === 0) break;
          seen.push(...page.map((r) => r.id));
          beforeId = page.at(-1)!.id;
        }
        expect(seen).toHaveLength(1_100);
        expect(new Set(seen).size).toBe(1_100);
        expect(seen).toEqual([...seen].sort((a, b) => b - a));
        expect(seen.slice(0, 1_000)).toEqual(all);
      });

      it('latestResults gives the newest result per check × deployment × location, even when an older one arrives later', async () => {
        await store.insertResults([
          result({ location: 'eu', startedAt: T0 + 5 * M, details: { n: 'eu-new' } }),
          result({ location: 'us', startedAt: T0 + 1 * M, details: { n: 'us-old' } }),
          result({ location: 'us', startedAt: T0 + 3 * M, details: { n: 'us-new' } }),
          result({ deployment: 'backup', location: 'eu', startedAt: T0, details: { n: 'backup' } }),
        ]);
        await store.insertResults([
          result({ location: 'eu', startedAt: T0 + 2 * M, details: { n: 'eu-late' } }),
          result({ checkId: 'cart', location: 'eu', startedAt: T0, details: { n: 'cart' } }),
        ]);
        const latest = await store.latestResults();
        expect(latest.map((r) => `${r.checkId}/${r.deployment}/${r.location}:${String(r.details?.n)}`).sort()).toEqual([
          'cart/primary/eu:cart',
          'home/backup/eu:backup',
          'home/primary/eu:eu-new',
          'home/primary/us:us-new',
        ]);
        expect(latest.every((r) => typeof r.id === 'number' && typeof r.ok === 'boolean')).toBe(true);
      });

      it('lastRuns gives the latest start per check × deployment across locations and batches', async () => {
        expect(await store.lastRuns()).toEqual([]);
        await store.insertResults([result({ location: 'eu', startedAt: T0 + 9 }), result({ location: 'us', startedAt: T0 + 4 })]);
        await store.insertResults([result({ location: 'us', startedAt: T0 + 2 }), result({ deployment: 'backup', startedAt: T0 + 1 })]);
        const runs = await store.lastRuns();
        expect([...runs].sort((a, b) => a.deployment.localeCompare(b.deployment))).toEqual([
          { checkId: 'home', deployment: 'backup', lastStartedAt: T0 + 1 },
          { checkId: 'home', deployment: 'primary', lastStartedAt: T0 + 9 },
        ]);
      });
    });

    describe('grid reads', () => {
      it('latestRuns gives the newest run per series × location, lean, including series created after the first read', async () => {
        await store.insertResults([result({ startedAt: T0, ok: false, error: 'status 503', durationMs: 12.5 }), result({ location: 'us', startedAt: T0 + M })]);
        expect((await store.latestRuns()).sort((a, b) => a.startedAt - b.startedAt)).toEqual([
          { checkId: 'home', deployment: 'primary', startedAt: T0, ok: false, durationMs: 12.5, error: 'status 503' },
          { checkId: 'home', deployment: 'primary', startedAt: T0 + M, ok: true, durationMs: 100, error: undefined },
        ]);
        await store.insertResults([result({ checkId: 'cart', deployment: 'backup', startedAt: T0 + 2 * M })]);
        expect((await store.latestRuns()).map((r) => `${r.checkId}/${r.deployment}`).sort()).toEqual(['cart/backup', 'home/primary', 'home/primary']);
      });

      it('healthStates gives only the confirmed states that change a cell', async () => {
        const health = (state: 'up' | 'down' | 'degraded' | 'maintenance' | 'unknown') => ({ state, since: T0, consecutiveFailures: 0, consecutivePasses: 0, consecutiveSlow: 0, recent: '', locations: {} });
        await store.writeAlerts({
          health: (['up', 'down', 'degraded', 'maintenance', 'unknown'] as const).map((state) => ({ checkId: state, deployment: 'primary', health: health(state) })),
          incidents: [],
          timeline: [],
          outbox: [],
        });
        expect((await store.healthStates()).map((h) => `${h.checkId}:${h.state}`).sort()).toEqual(['degraded:degraded', 'down:down', 'maintenance:maintenance']);
      });
    });

    describe('rollups', () => {
      it('sums minute and hour buckets across batches and bucket boundaries', async () => {
        await store.insertResults([
          result({ startedAt: T0 - 30_000, durationMs: 10 }),
          result({ startedAt: T0, durationMs: 20, ok: false }),
          result({ startedAt: T0 + 59_999, durationMs: 30 }),
          result({ startedAt: T0 + M, durationMs: 40, location: 'us' }),
        ]);
        await store.insertResults([
          result({ startedAt: T0 + 10_000, durationMs: 90, location: 'us' }),
          result({ startedAt: T0 + H - 1, durationMs: 5, ok: false }),
          result({ startedAt: T0 + H, durationMs: 7 }),
          result({ deployment: 'backup', startedAt: T0, durationMs: 1_000 }),
        ]);
        const window = { from: T0 - H, to: T0 + 2 * H };
        expect(await store.buckets('home', 'primary', window, 'minute')).toEqual([
          { start: T0 - M, runs: 1, failures: 0, avgDurationMs: 10, maxDurationMs: 10 },
          { start: T0, runs: 3, failures: 1, avgDurationMs: 140 / 3, maxDurationMs: 90 },
          { start: T0 + M, runs: 1, failures: 0, avgDurationMs: 40, maxDurationMs: 40 },
          { start: T0 + H - M, runs: 1, failures: 1, avgDurationMs: 5, maxDurationMs: 5 },
          { start: T0 + H, runs: 1, failures: 0, avgDurationMs: 7, maxDurationMs: 7 },
        ]);
        expect(await store.buckets('home', 'primary', window, 'hour')).toEqual([
          { start: T0 - H, runs: 1, failures: 0, avgDurationMs: 10, maxDurationMs: 10 },
          { start: T0, runs: 5, failures: 2, avgDurationMs: 185 / 5, maxDurationMs: 90 },
          { start: T0 + H, runs: 1, failures: 0, avgDurationMs: 7, maxDurationMs: 7 },
        ]);
        expect(await store.buckets('home', 'primary', { from: T0, to: T0 + H }, 'hour')).toHaveLength(1);
        expect(await store.buckets('home', 'backup', window, 'hour')).toEqual([{ start: T0, runs: 1, failures: 0, avgDurationMs: 1_000, maxDurationMs: 1_000 }]);
        expect(await store.buckets('nope', 'primary', window, 'minute')).toEqual([]);
      });

      it('uptime uses whole hours inside the window and minutes at its edges, matching the raw results', async () => {
        const fails = (t: number) => [10, 47, 75, 130, 131, 200, 239].includes((t - T0) / M);
        const all = everyMinute(T0, T0 + 4 * H, fails);
        // Ingest in batches of 17, as a scheduler would, so buckets fill over several transactions.
        for (let i = 0; i < all.length; i += 17) await store.insertResults(all.slice(i, i + 17));

        const windows: Array<[number, number]> = [
          [T0, T0 + 4 * H],
          [T0 + 30 * M, T0 + 3 * H + 40 * M],
          [T0 + 10 * M, T0 + 11 * M],
          [T0 + 61 * M, T0 + 119 * M],
          [T0 + 47 * M + 30_000, T0 + 200 * M + 1],
          [T0 - 5 * D, T0 + 5 * D],
          [T0 + H, T0 + 2 * H],
        ];
        for (const [from, to] of windows) {
          const [uptime] = await store.uptime({ from, to });
          const want = expectedUptime(all, from, to);
          expect({ from: from - T0, runs: uptime?.runs, failures: uptime?.failures }).toEqual({ from: from - T0, runs: want.runs, failures: want.failures });
          expect(uptime?.ratio).toBeCloseTo(want.ratio!, 12);
          expect(uptime?.avgDurationMs).toBeCloseTo(want.avg!, 9);
        }
      });

      it('a window without runs gives runs 0 and ratio null', async () => {
        await store.insertResults(everyMinute(T0, T0 + 10 * M));
        for (const window of [
          { from: T0 - 2 * H, to: T0 },
          { from: T0 + 11 * M, to: T0 + 3 * H },
          { from: T0 + 5 * M, to: T0 + 5 * M },
        ]) {
          expect(await store.uptime(window)).toEqual([{ checkId: 'home', deployment: 'primary', runs: 0, failures: 0, ratio: null, avgDurationMs: null }]);
        }
      });

      it('uptime groups by check and deployment and honours filters', async () => {
        await store.insertResults([
          ...everyMinute(T0, T0 + 10 * M, () => false, { checkId: 'home' }),
          ...everyMinute(T0, T0 + 10 * M, (t) => t < T0 + 5 * M, { checkId: 'home', deployment: 'backup' }),
          ...everyMinute(T0, T0 + 4 * M, (t) => t === T0, { checkId: 'cart', location: 'eu' }),
          ...everyMinute(T0, T0 + 4 * M, () => false, { checkId: 'cart', location: 'us' }),
        ]);
        const window = { from: T0, to: T0 + H };
        const summary = (list: Awaited<ReturnType<Store['uptime']>>) => list.map((u) => `${u.checkId}/${u.deployment} ${u.runs - u.failures}/${u.runs}`).sort();
        expect(summary(await store.uptime(window))).toEqual(['cart/primary 7/8', 'home/backup 5/10', 'home/primary 10/10']);
        expect(summary(await store.uptime(window, { deployment: 'backup' }))).toEqual(['home/backup 5/10']);
        expect(summary(await store.uptime(window, { checkIds: ['cart'] }))).toEqual(['cart/primary 7/8']);
        expect(summary(await store.uptime(window, { checkIds: ['home', 'cart'], deployment: 'primary' }))).toEqual(['cart/primary 7/8', 'home/primary 10/10']);
        expect(await store.uptime(window, { checkIds: [] })).toEqual([]);
        expect(await store.uptime(window, { checkIds: ['nope'] })).toEqual([]);
      });

      it('keeps many interleaved checks apart, including one that went quiet among busy ones', async () => {
        const checks = Array.from({ length: 20 }, (_, i) => `check-${i}`);
        const all: CheckResult[] = [];
        for (let minute = 0; minute < 120; minute++) {
          for (const [i, checkId] of checks.entries()) {
            for (const deployment of ['primary', 'backup']) {
              if (checkId === 'check-7' && deployment === 'backup' && minute >= 30) continue;
              const startedAt = T0 + minute * M + ((i * 7_919 + minute * 104_729) % 59_000);
              all.push(result({ checkId, deployment, startedAt, ok: (i + minute) % 11 !== 0, durationMs: 50 + i }));
            }
          }
        }
        for (let i = 0; i < all.length; i += 97) await store.insertResults(all.slice(i, i + 97));
        const own = (checkId: string, deployment: string) => all.filter((r) => r.checkId === checkId && r.deployment === deployment);

        for (const [checkId, deployment] of [['check-7', 'backup'], ['check-0', 'primary'], ['check-19', 'backup']] as const) {
          const mine = own(checkId, deployment);
          const firstPage = await store.listResults({ checkId, deployment, limit: 25 });
          expect(firstPage.map((r) => r.startedAt)).toEqual(mine.map((r) => r.startedAt).reverse().slice(0, 25));
          const failures = await store.listResults({ checkId, deployment, failedOnly: true, limit: 1_000 });
          expect(failures).toHaveLength(mine.filter((r) => !r.ok).length);
          expect(await store.buckets(checkId, deployment, { from: T0, to: T0 + 3 * H }, 'minute')).toHaveLength(mine.length);
          for (const [from, to] of [[T0 + 10 * M + 30_000, T0 + 100 * M], [T0 + 29 * M, T0 + 31 * M], [T0 + 61 * M, T0 + 3 * H]] as Array<[number, number]>) {
            const [uptime] = await store.uptime({ from, to }, { checkIds: [checkId], deployment });
            const want = expectedUptime(mine, from, to);
            expect({ checkId, deployment, from: from - T0, runs: uptime?.runs, failures: uptime?.failures }).toEqual({ checkId, deployment, from: from - T0, runs: want.runs, failures: want.failures });
          }
        }
        expect(await store.listResults({ checkId: 'check-7', limit: 1_000 })).toHaveLength(own('check-7', 'primary').length + 30);
      });

      it('stays exact when results arrive out of order, late into old buckets and into gaps', async () => {
        const fails = (t: number) => (t - T0) % (7 * M) === 0;
        const all = everyMinute(T0, T0 + 3 * H, fails);
        const late = all.filter((_, i) => i % 10 === 3 || (i >= 70 && i < 80));
        const onTime = all.filter((r) => !late.includes(r));
        // Newer results first, then the missing ones in shuffled small batches.
        await store.insertResults(onTime.slice(90));
        await store.insertResults(onTime.slice(0, 90));
        const shuffled = [...late].sort((a, b) => ((a.startedAt * 7919) % 13) - ((b.startedAt * 7919) % 13));
        for (let i = 0; i < shuffled.length; i += 4) await store.insertResults(shuffled.slice(i, i + 4));
        // A second run inside an existing minute, from another location.
        const extra = result({ startedAt: T0 + 42 * M + 30_000, location: 'us', ok: false, durationMs: 500 });
        await store.insertResults([extra]);
        const everything = [...all, extra];

        for (const [from, to] of [
          [T0, T0 + 3 * H],
          [T0 + 42 * M, T0 + 43 * M],
          [T0 + 65 * M, T0 + 2 * H + 5 * M],
          [T0 + 75 * M, T0 + 76 * M],
          [T0 + 2 * H + 1, T0 + 3 * H],
        ] as Array<[number, number]>) {
          const [uptime] = await store.uptime({ from, to });
          const want = expectedUptime(everything, from, to);
          expect({ from: from - T0, runs: uptime?.runs, failures: uptime?.failures }).toEqual({ from: from - T0, runs: want.runs, failures: want.failures });
          expect(uptime?.avgDurationMs).toBeCloseTo(want.avg!, 9);
        }
        const hours = await store.buckets('home', 'primary', { from: T0, to: T0 + 3 * H }, 'hour');
        expect(hours.map((b) => b.runs)).toEqual([61, 60, 60]);
        expect(hours[0]?.maxDurationMs).toBe(500);
      });
    });

    describe('retention', () => {
      it('deletes exactly the rows older than the policy, keeps rollups longer, and counts them', async () => {
        const now = T0 + 500 * D;
        const ages = [420 * D, 200 * D, 20 * D, 10 * D, H, 0];
        await store.insertResults(ages.map((age, i) => result({ startedAt: now - age - 1, ok: i !== 1, details: { age: age / D } })));
        // Exactly at a cutoff is kept: only strictly older goes.
        await store.insertResults([result({ checkId: 'edge', startedAt: now - 14 * D })]);

        const policy = { rawDays: 14, minuteRollupDays: 30, hourRollupDays: 400 };
        expect(await store.applyRetention(policy, now)).toEqual({ results: 3, minuteRollups: 2, hourRollups: 1 });
        expect((await store.listResults({})).map((r) => r.details?.age ?? 'edge')).toEqual(['edge', 0, 1 / 24, 10]);

        // Rollups outlive raw results: 200 days ago still counts (from hour rollups), 420 days ago is gone.
        const [u] = await store.uptime({ from: now - 450 * D, to: now + H }, { checkIds: ['home'] });
        expect(u).toMatchObject({ runs: 5, failures: 1 });
        expect(await store.buckets('home', 'primary', { from: now - 450 * D, to: now }, 'hour')).toHaveLength(5);
        expect(await store.buckets('home', 'primary', { from: now - 450 * D, to: now }, 'minute')).toHaveLength(4);
        // An edge older than minute retention rounds to the hour; whole hours still count.
        const [old] = await store.uptime({ from: now - 200 * D - 2 * H, to: now - 100 * D }, { checkIds: ['home'] });
        expect(old).toMatchObject({ runs: 1, failures: 1 });

        expect(await store.applyRetention(policy, now)).toEqual({ results: 0, minuteRollups: 0, hourRollups: 0 });
        expect(await store.lastRuns()).toHaveLength(2);
      });

      it('deletes in chunks until everything old is gone', async () => {
        const now = T0 + 100 * D;
        const old = everyMinute(T0, T0 + 12_345 * M);
        for (let i = 0; i < old.length; i += 1_000) await store.insertResults(old.slice(i, i + 1_000));
        await store.insertResults([result({ startedAt: now - M })]);
        expect(await store.applyRetention({ rawDays: 14, minuteRollupDays: 30, hourRollupDays: 60 }, now)).toEqual({
          results: 12_345,
          minuteRollups: 12_345,
          hourRollups: Math.ceil(12_345 / 60),
        });
        expect(await store.listResults({ limit: 1_000 })).toHaveLength(1);
        const [u] = await store.uptime({ from: T0 - D, to: now });
        expect(u).toMatchObject({ runs: 1, failures: 0, ratio: 1 });
      });
    });

    describe('users and access', () => {
      const user = (name: string, role: 'admin' | 'editor' | 'viewer' = 'editor') => ({ name, role, createdAt: T0, passwordHash: `scrypt$hash-of-${name}` });
      const session = (id: string, userName: string, expiresAt = T0 + H) => ({ id, userName, csrfToken: `csrf-${id}`, createdAt: T0, lastSeenAt: T0, expiresAt });

      it('creates users once per name, and the first-run insert only while there are none', async () => {
        expect(await store.createUser(user('root', 'admin'), { onlyIfNoUsers: true })).toBe(true);
        expect(await store.createUser(user('second', 'admin'), { onlyIfNoUsers: true })).toBe(false);
        expect(await store.createUser(user('root'))).toBe(false);
        expect(await store.createUser(user('bob', 'viewer'))).toBe(true);
        expect(await store.countUsers()).toBe(2);
        expect(await store.listUsers()).toEqual([
          { name: 'bob', role: 'viewer', createdAt: T0 },
          { name: 'root', role: 'admin', createdAt: T0 },
        ]);
        expect(await store.getUser('root')).toEqual(user('root', 'admin'));
        expect(await store.getUser('nobody')).toBeUndefined();
      });

      it('reads sessions with the current role; a new password or removal ends them', async () => {
        await store.createUser(user('bob'));
        await store.createSession(session('s1', 'bob'));
        await store.createSession(session('s2', 'bob'));
        expect(await store.getSession('s1')).toEqual({ ...session('s1', 'bob'), role: 'editor' });
        expect(await store.updateUser('bob', { role: 'viewer' })).toBe(true);
        expect((await store.getSession('s1'))?.role).toBe('viewer');
        await store.touchSession('s1', T0 + M, T0 + 2 * H);
        expect(await store.getSession('s1')).toMatchObject({ lastSeenAt: T0 + M, expiresAt: T0 + 2 * H });
        expect(await store.updateUser('bob', { passwordHash: 'scrypt$new' })).toBe(true);
        expect(await store.getSession('s1')).toBeUndefined();
        await store.createSession(session('s3', 'bob'));
        expect(await store.deleteUser('bob')).toBe(true);
        expect(await store.getSession('s3')).toBeUndefined();
        expect(await store.deleteUser('bob')).toBe(false);
        expect(await store.updateUser('bob', { role: 'admin' })).toBe(false);
      });

      it('deletes only expired sessions', async () => {
        await store.createUser(user('bob'));
        await store.createSession(session('old', 'bob', T0 + M));
        await store.createSession(session('new', 'bob', T0 + H));
        expect(await store.deleteExpiredSessions(T0 + 2 * M)).toBe(1);
        expect(await store.getSession('old')).toBeUndefined();
        expect(await store.getSession('new')).toBeDefined();
        await store.deleteSession('new');
        expect(await store.getSession('new')).toBeUndefined();
      });

      it('keeps API tokens by hash, newest first, revocable once', async () => {
        const a = await store.createToken({ name: 'ci', scope: 'write', hash: 'h1', createdBy: 'root', createdAt: T0 });
        const b = await store.createToken({ name: 'grafana', scope: 'read', hash: 'h2', createdBy: 'root', createdAt: T0 + 1 });
        expect(a).toEqual({ id: a.id, name: 'ci', scope: 'write', createdBy: 'root', createdAt: T0, lastUsedAt: null, revokedAt: null });
        expect((await store.listTokens()).map((t) => t.name)).toEqual(['grafana', 'ci']);
        expect(await store.findTokenByHash('h2')).toEqual(b);
        expect(await store.findTokenByHash('nope')).toBeUndefined();
        await store.touchToken(a.id, T0 + M);
        expect((await store.findTokenByHash('h1'))?.lastUsedAt).toBe(T0 + M);
        expect(await store.revokeToken(a.id, T0 + H)).toBe(true);
        expect(await store.revokeToken(a.id, T0 + 2 * H)).toBe(false);
        expect((await store.findTokenByHash('h1'))?.revokedAt).toBe(T0 + H);
        expect(await store.revokeToken(999, T0)).toBe(false);
      });
    });

    it('migrate is idempotent and keeps the data', async () => {
      await store.insertResults([result()]);
      await store.migrate();
      await store.migrate();
      expect(await store.listResults({})).toHaveLength(1);
      expect(await store.sizeBytes()).toBeGreaterThan(0);
    });
  });
}
