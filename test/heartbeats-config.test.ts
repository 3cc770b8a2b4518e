import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';

const base = { site: { name: 'x' }, deployments: [{ name: 'production', baseUrl: 'https://shop.example.com' }] };
const problemsOf = (heartbeats: unknown[], extra: Record<string, unknown> = {}) =>
  resolveConfig({ ...base, heartbeats, ...extra }, '/tmp/vigil.yaml').problems.map((p) => `${p.path.join('.')}: ${p.message}`);

describe('heartbeats in the config', () => {
  it('resolves period and cron heartbeats with defaults', () => {
    const { config, problems } = resolveConfig(
      { ...base, heartbeats: [{ name: 'backup', id: 'abcdefghijklmnop', period: '1h' }, { name: 'report', id: 'qrstuvwxyz012345', slug: 'report', cron: '0 3 * * *', timezone: 'Europe/Berlin', grace: '10m', maxDuration: '30m', deployment: 'production' }], selfHeartbeat: { url: 'https://hc.example.com/ping/x' } },
      '/tmp/vigil.yaml',
    );
    expect(problems).toEqual([]);
    expect(config!.heartbeats).toEqual([
      { name: 'backup', id: 'abcdefghijklmnop', slug: undefined, schedule: { kind: 'period', periodMs: 3_600_000 }, graceMs: 60_000, maxDurationMs: undefined, minDurationMs: undefined, tags: [], deployment: 'heartbeats', runbook: undefined },
      { name: 'report', id: 'qrstuvwxyz012345', slug: 'report', schedule: { kind: 'cron', cron: '0 3 * * *', timezone: 'Europe/Berlin' }, graceMs: 600_000, maxDurationMs: 1_800_000, minDurationMs: undefined, tags: [], deployment: 'production', runbook: undefined },
    ]);
    expect(config!.selfHeartbeat).toEqual({ url: 'https://hc.example.com/ping/x', everyMs: 60_000 });
  });

  it('names every problem with its path: ids, schedules, duplicates, cron and time zone', () => {
    const problems = problemsOf([
      { name: 'a', id: 'short', period: '1h' },
      { name: 'b', id: 'abcdefghijklmnop', period: '1h', cron: '0 * * * *' },
      { name: 'c', id: 'abcdefghijklmnop', slug: 'Bad Slug', period: '1h' },
      { name: 'c', id: 'qrstuvwxyz012345', cron: '0 99 * * *' },
      { name: 'd', id: 'qrstuvwxyz0123456', cron: '0 3 * * *', timezone: 'Mars/Olympus' },
      { name: 'e', id: 'qrstuvwxyz01234567' },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^heartbeats\.0\.id: expected 16–64 url-safe characters/),
        expect.stringMatching(/^heartbeats\.1: expected either period \(\+ grace\) or cron/),
        expect.stringMatching(/^heartbeats\.2\.slug: expected lowercase/),
        expect.stringMatching(/^heartbeats\.5: expected either period/),
      ]),
    );
    const crossChecked = problemsOf([
      { name: 'c', id: 'abcdefghijklmnop', slug: 'job', period: '1h' },
      { name: 'c', id: 'abcdefghijklmnop', slug: 'job', cron: '0 99 * * *' },
      { name: 'd', id: 'qrstuvwxyz0123456', cron: '0 3 * * *', timezone: 'Mars/Olympus' },
    ]);
    expect(crossChecked).toEqual(
      expect.arrayContaining([
        'heartbeats.1.name: duplicate heartbeat name "c" (also heartbeats[0])',
        'heartbeats.1.id: duplicate heartbeat id "abcdefghijklmnop" (also heartbeats[0])',
        'heartbeats.1.slug: duplicate heartbeat slug "job" (also heartbeats[0])',
        expect.stringMatching(/^heartbeats\.1\.cron: expected a cron expression/),
        expect.stringMatching(/^heartbeats\.2\.timezone: expected a cron expression and an IANA time zone/),
      ]),
    );
  });
});
