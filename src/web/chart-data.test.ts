import { describe, expect, it } from 'vitest';
import { chartColumns } from './chart-data';

describe('response-time chart columns', () => {
  it('stacks phases in request order as running totals and keeps the raw values for the legend', () => {
    const { data, phases, raw } = chartColumns({
      checkId: 'home page',
      deployment: 'production',
      resolution: 'minute',
      points: [
        { t: 60_000, avgMs: 30, maxMs: 40, runs: 2, failures: 0, phases: { firstByte: 20, dns: 1, connect: 2, download: 5 } },
        { t: 120_000, avgMs: 25, maxMs: 25, runs: 1, failures: 1, phases: { firstByte: 18, download: 4 } },
      ],
    });
    expect(phases).toEqual(['dns', 'connect', 'firstByte', 'download']);
    expect(data[0]).toEqual([60, 120]);
    expect(data.slice(1, 5)).toEqual([
      [1, null],
      [3, null],
      [23, 18],
      [28, 22],
    ]);
    expect(raw[2]).toEqual([20, 18]);
    expect(data.slice(5)).toEqual([
      [30, 25],
      [40, 25],
      [null, 1],
    ]);
  });

  it('has no bands for a check without phases', () => {
    const { data, phases } = chartColumns({ checkId: 'tcp', deployment: 'b', resolution: 'hour', points: [{ t: 0, avgMs: null, maxMs: null, runs: 0, failures: 0 }] });
    expect(phases).toEqual([]);
    expect(data).toHaveLength(4);
  });
});
