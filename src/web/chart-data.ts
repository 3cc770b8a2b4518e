import type { Series } from '../server/api/contract';

/** The order phases happen in a request; stacked bottom to top in this order. */
export const phaseOrder = ['dns', 'connect', 'tls', 'firstByte', 'download'] as const;

/**
 * The chart's columns: time in seconds (what uPlot takes), each phase as a
 * running total (so the bands stack), then average, slowest and failed runs.
 * `raw` keeps each phase's own value for the legend. Only phases that appear
 * in some bucket get a band.
 */
export function chartColumns(series: Series): { data: (number | null)[][]; phases: string[]; raw: (number | null)[][] } {
  const seen = new Set<string>();
  for (const point of series.points) for (const name of Object.keys(point.phases ?? {})) seen.add(name);
  const phases = [...phaseOrder.filter((name) => seen.has(name)), ...[...seen].filter((name) => !(phaseOrder as readonly string[]).includes(name)).sort()];
  const raw = phases.map((name) => series.points.map((point) => point.phases?.[name] ?? null));
  const stacked = phases.map(() => [] as (number | null)[]);
  series.points.forEach((point, row) => {
    let total = 0;
    let any = false;
    phases.forEach((_name, i) => {
      const value = raw[i]![row];
      if (value !== null && value !== undefined) {
        total += value;
        any = true;
      }
      stacked[i]!.push(any ? total : null);
    });
  });
  return {
    data: [
      series.points.map((point) => point.t / 1000),
      ...stacked,
      series.points.map((point) => point.avgMs),
      series.points.map((point) => point.maxMs),
      series.points.map((point) => (point.failures > 0 ? point.failures : null)),
    ],
    phases,
    raw,
  };
}
