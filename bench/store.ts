/**
 * `npm run bench -- store`: ingest rate, bytes on disk per million results
 * (raw, and in steady state after retention), and the 90-day uptime query
 * over 1,000 checks. Progress first, the figures last.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../src/domain/check-result';
import { seriesGroup } from '../src/store/schema';
import { defaultRetention, openSqliteStore } from '../src/store/sqlite';

const M = 60_000;
const H = 3_600_000;
const D = 86_400_000;
const BATCH = 500;
const DEPLOYMENTS = ['primary', 'backup'];

const num = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number): string => `${num(bytes / 1e6, 1)} MB`;
/** Deterministic 0..99 from a sequence number, so every run of the bench stores the same data. */
const roll = (seq: number): number => ((seq * 2_654_435_761) >>> 0) % 100;

function makeResult(checkId: string, deployment: string, startedAt: number, seq: number): CheckResult {
  const ok = roll(seq) >= 10;
  // Microsecond precision, as a runner's performance.now() differences would give after rounding.
  const ms = (value: number): number => Math.round(value * 1000) / 1000;
  const durationMs = ms(60 + roll(seq + 7) * 4.371 + (ok ? 0 : 900));
  return {
    checkId,
    deployment,
    location: 'local',
    startedAt,
    plannedAt: startedAt - (seq % 5),
    ok,
    durationMs,
    phases: { dns: 1.204, connect: 3.418, tls: 11.762, firstByte: ms(durationMs - 29.984), download: 13.6, total: durationMs },
    ...(ok ? {} : { error: 'status 503, expected 200' }),
    assertions: [
      { assertion: 'status equals 200', ok, actual: ok ? '200' : '503' },
      { assertion: 'body contains "Add to cart"', ok: true },
    ],
    details: { status: ok ? 200 : 503, bytes: 48_213 + (seq % 97) },
  };
}

/** 0..n-1 in a fixed pseudo-random order (Fisher–Yates driven by the MINSTD generator). */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = 12_345;
  for (let i = n - 1; i > 0; i--) {
    state = (state * 48_271) % 2_147_483_647;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Every series once a minute at its own fixed phase, in time order, cut into
 * batches. Phases are a shuffle of the series (as a scheduler's spread would
 * be), not their creation order, so a batch holds series from everywhere.
 */
function* resultBatches(checks: number, from: number, minutes: number): Generator<CheckResult[]> {
  const series = checks * DEPLOYMENTS.length;
  const spacing = M / series;
  const byPhase = shuffled(series);
  let batch: CheckResult[] = [];
  let seq = 0;
  for (let minute = 0; minute < minutes; minute++) {
    byPhase.forEach((s, phase) => {
      const check = Math.floor(s / DEPLOYMENTS.length);
      batch.push(makeResult(`check-${check}`, DEPLOYMENTS[s % DEPLOYMENTS.length]!, from + minute * M + Math.floor(phase * spacing), seq++));
    });
    while (batch.length >= BATCH) yield batch.splice(0, BATCH);
  }
  if (batch.length > 0) yield batch;
}

/** Bytes per table (indexes folded into their table), from SQLite's dbstat. */
function tableBytes(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare<[], { tbl: string; bytes: number }>(
        `SELECT coalesce(m.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes
         FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY tbl`,
      )
      .all();
    return new Map(rows.map((r) => [r.tbl, r.bytes]));
  } finally {
    db.close();
  }
}

async function ingest(dir: string, checks: number, from: number, minutes: number, label: string) {
  const store = await openSqliteStore({ dataDir: dir });
  let count = 0;
  let busyMs = 0;
  let nextReport = 250_000;
  for (const batch of resultBatches(checks, from, minutes)) {
    const started = performance.now();
    await store.insertResults(batch);
    busyMs += performance.now() - started;
    count += batch.length;
    if (count >= nextReport) {
      console.log(`  ${label}: ${num(count)} results, ${num(count / (busyMs / 1000))}/s`);
      nextReport += 250_000;
    }
  }
  return { store, count, perSecond: count / (busyMs / 1000) };
}

async function benchIngest(root: string) {
  console.log('(a) ingest 1,000,000 results: 1,000 checks × 2 deployments, one run a minute, batches of 500');
  const dir = join(root, 'ingest');
  const { store, count, perSecond } = await ingest(dir, 1_000, Date.UTC(2025, 0, 6), 500, 'ingest');
  // Measured closed: closing checkpoints the WAL into the file and removes it.
  await store.close();
  const bytes = statSync(join(dir, 'vigil.db')).size;
  const tables = tableBytes(join(dir, 'vigil.db'));
  console.log(`  ${num(count)} results → ${mb(bytes)} on disk (results ${mb(tables.get('results') ?? 0)}, minute rollups ${mb(tables.get('rollup_minute') ?? 0)}, hour rollups ${mb(tables.get('rollup_hour') ?? 0)})`);
  return { perSecond, bytesPerMillion: (bytes / count) * 1e6 };
}

async function benchSteadyState(root: string) {
  const checks = 10;
  const days = 30;
  console.log(`(b) steady state: ${checks} checks × 2 deployments × ${days} days at 60 s, then the default retention (raw ${defaultRetention.rawDays} d, minutes ${defaultRetention.minuteRollupDays} d, hours ${defaultRetention.hourRollupDays} d)`);
  const dir = join(root, 'steady');
  const from = Date.UTC(2025, 0, 1);
  const { store, count } = await ingest(dir, checks, from, days * 1440, 'steady');
  const before = await store.sizeBytes();
  const started = performance.now();
  const removed = await store.applyRetention(defaultRetention, from + days * D);
  const retentionMs = performance.now() - started;
  await store.close();
  const after = statSync(join(dir, 'vigil.db')).size;
  const tables = tableBytes(join(dir, 'vigil.db'));
  console.log(`  ingested ${num(count)} (${mb(before)}); retention removed ${num(removed.results)} results in ${num(retentionMs)} ms → ${mb(after)}`);
  const series = checks * DEPLOYMENTS.length;
  const perSeriesDay = {
    raw: (tables.get('results') ?? 0) / series / defaultRetention.rawDays,
    minute: (tables.get('rollup_minute') ?? 0) / series / days,
    hour: (tables.get('rollup_hour') ?? 0) / series / days,
  };
  console.log(`  per check × deployment per day: raw ${num(perSeriesDay.raw / 1e3)} kB, minute rollups ${num(perSeriesDay.minute / 1e3)} kB, hour rollups ${num(perSeriesDay.hour / 1e3, 1)} kB`);
  // Full steady state for 100 checks × 2 deployments, from the measured per-day costs.
  const projected =
    200 *
    (perSeriesDay.raw * defaultRetention.rawDays + perSeriesDay.minute * defaultRetention.minuteRollupDays + perSeriesDay.hour * defaultRetention.hourRollupDays);
  return { count, after, bytesPerMillionIngested: (after / count) * 1e6, projected };
}

/** What one series ran in one minute (last day) or one hour (before): deterministic, a few failures. */
function minuteRun(id: number, minute: number) {
  const failed = roll(id * 7 + minute / M) < 2 ? 1 : 0;
  const ms = 120 + ((minute / M) % 40);
  return { runs: 1, failures: failed, duration: ms, max: ms };
}
function hourRuns(id: number, hour: number) {
  return { runs: 60, failures: roll(id * 13 + hour / H) < 20 ? 1 : 0, duration: 60 * 130, max: 400 };
}

/**
 * Hour rollups for 1,000 checks × 2 deployments × 92 days and minute rollups
 * for the last day, written directly in each table's key order, with the
 * running totals the store keeps.
 */
function fillRollups(file: string, end: number, seriesCount: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertSeries = db.prepare('INSERT INTO series (id, check_id, deployment) VALUES (?, ?, ?)');
  const columns = 'series_id, bucket_start, runs, failures, sum_duration_ms, max_duration_ms, cum_runs, cum_failures, cum_duration_ms';
  const hourly = db.prepare(`INSERT INTO rollup_hour (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const minutely = db.prepare(`INSERT INTO rollup_minute (series_group, ${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const firstHour = Math.floor((end - 92 * D) / H) * H;
  const minutesFrom = Math.floor((end - D) / H) * H;
  const totals = Array.from({ length: seriesCount + 1 }, () => ({ runs: 0, failures: 0, duration: 0 }));
  const atMinutesFrom = totals.map(() => ({ runs: 0, failures: 0, duration: 0 }));
  db.transaction(() => {
    for (let id = 1; id <= seriesCount; id++) insertSeries.run(id, `check-${Math.floor((id - 1) / 2)}`, DEPLOYMENTS[(id - 1) % 2]);
    for (let hour = firstHour; hour < end; hour += H) {
      for (let id = 1; id <= seriesCount; id++) {
        const t = totals[id]!;
        if (hour === minutesFrom) atMinutesFrom[id] = { ...t };
        let delta = { runs: 0, failures: 0, duration: 0, max: 0 };
        if (hour < minutesFrom) delta = hourRuns(id, hour);
        else {
          for (let minute = hour; minute < Math.min(hour + H, end); minute += M) {
            const run = minuteRun(id, minute);
            delta = { runs: delta.runs + 1, failures: delta.failures + run.failures, duration: delta.duration + run.duration, max: Math.max(delta.max, run.max) };
          }
        }
        t.runs += delta.runs;
        t.failures += delta.failures;
        t.duration += delta.duration;
        hourly.run(id, hour, delta.runs, delta.failures, delta.duration, delta.max, t.runs, t.failures, t.duration);
      }
    }
    // Time first, then series: minute rows are keyed (series group, time, series).
    for (let minute = minutesFrom; minute < end; minute += M) {
      for (let id = 1; id <= seriesCount; id++) {
        const t = atMinutesFrom[id]!;
        const run = minuteRun(id, minute);
        t.runs += 1;
        t.failures += run.failures;
        t.duration += run.duration;
        minutely.run(seriesGroup(id), id, minute, 1, run.failures, run.duration, run.max, t.runs, t.failures, t.duration);
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function benchUptime(root: string) {
  console.log('(c) uptime over 90 days: 1,000 checks × 2 deployments, hour rollups for 92 days, minute rollups for the last day');
  const dir = join(root, 'uptime');
  const end = Date.UTC(2025, 3, 1, 12, 34, 56);
  const empty = await openSqliteStore({ dataDir: dir });
  await empty.close();
  const fillStarted = performance.now();
  fillRollups(join(dir, 'vigil.db'), end, 2_000);
  console.log(`  filled in ${num((performance.now() - fillStarted) / 1000, 1)} s`);
  const store = await openSqliteStore({ dataDir: dir });
  const window = { from: end - 90 * D, to: end };
  const first = await store.uptime(window);
  if (first.length !== 2_000 || first.some((u) => u.runs < 90 * 24 * 60 - 60)) throw new Error('uptime over the filled rollups is wrong');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await store.uptime(window);
    times.push(performance.now() - started);
  }
  await store.close();
  times.sort((a, b) => a - b);
  return { p50: times[9]!, p95: times[18]!, series: first.length };
}

const loads = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
/** `npm run bench -- store [ingest] [steady] [uptime]` runs a subset; all three by default. */
const parts = process.argv.slice(2);
const wanted = (part: string): boolean => parts.length === 0 || parts.includes(part);
const root = mkdtempSync(join(tmpdir(), 'vigil-bench-store-'));
console.log(`store bench in ${root} (load average ${loads()} on ${availableParallelism()} cores)`);
try {
  const a = wanted('ingest') ? await benchIngest(root) : undefined;
  const b = wanted('steady') ? await benchSteadyState(root) : undefined;
  const c = wanted('uptime') ? await benchUptime(root) : undefined;
  console.log('');
  console.log(`store figures (load average at the end ${loads()}; other work on this machine slows the ingest figure)`);
  if (a) {
    console.log(`  ingest: ${num(a.perSecond)} results/s (batches of ${BATCH}, 1,000 checks × 2 deployments)          target ≥ 20,000/s`);
    console.log(`  size: ${mb(a.bytesPerMillion)} per 1,000,000 results raw (results + minute + hour rollups)`);
  }
  if (b) {
    console.log(
      `  steady state: ${num(b.count)} results over 30 d (10 checks × 2 deployments), default retention → ${mb(b.after)} = ${mb(b.bytesPerMillionIngested)} per 1,000,000 ingested (raw kept 14 d)`,
    );
    console.log(`  projected steady state, 100 checks × 2 deployments (14 d raw, 30 d minutes, 400 d hours): ${mb(b.projected)}`);
  }
  if (c) console.log(`  uptime 90 d, 1,000 checks × 2 deployments: p50 ${num(c.p50, 1)} ms, p95 ${num(c.p95, 1)} ms (20 runs after one warm-up)  target < 50 ms`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
