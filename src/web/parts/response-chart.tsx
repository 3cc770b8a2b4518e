import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Series } from '../../server/api/contract';
import { formatDuration } from '../format';
import { chartColumns, phaseOrder } from '../chart-data';

/**
 * Response times over the window: the phases stacked (when the check measures
 * them), the average and the slowest run as lines, failed runs on their own axis.
 * uPlot has no stacking, so the columns hold running totals and the legend shows each phase's own value.
 */
export default function ResponseChart({ series, windowMs }: { series: Series; windowMs: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const { data, phases, raw } = chartColumns(series);
    const end = Math.max(Date.now(), (series.points.at(-1)?.t ?? 0) + 60_000);
    const css = getComputedStyle(element);
    const colour = (name: string) => css.getPropertyValue(name).trim() || '#888';
    const legendValue = (index: number) => (_u: uPlot, value: number | null, _s: number, row: number | null) =>
      row === null ? '–' : value === null ? '–' : formatDuration(raw[index]?.[row] ?? value);
    // Largest running total first, so each smaller stack paints over it and every band shows.
    const phaseSeries = phases
      .map((name, i) => ({
        label: name,
        stroke: colour(`--phase-${name}`),
        fill: colour(`--phase-${name}`),
        width: 0,
        points: { show: false },
        value: legendValue(i),
        scale: 'ms',
      }))
      .reverse();
    const options: Options = {
      width: element.clientWidth || 600,
      height: 260,
      series: [
        { value: (_u, t) => (t === null ? '–' : new Date(t * 1000).toLocaleString()) },
        ...phaseSeries,
        { label: 'average', stroke: colour('--text'), width: 1.5, scale: 'ms', value: (_u, v) => formatDuration(v) },
        { label: 'slowest', stroke: colour('--muted'), width: 1, dash: [4, 4], scale: 'ms', value: (_u, v) => formatDuration(v) },
        { label: 'failed runs', stroke: colour('--down'), width: 0, scale: 'failures', points: { show: true, size: 7, fill: colour('--down') }, value: (_u, v) => (v === null ? '–' : String(v)) },
      ],
      // The whole window, not just the buckets that have runs: a check that started an hour ago shows an hour of a day.
      scales: { x: { time: true, range: () => [(end - windowMs) / 1000, end / 1000] }, ms: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] }, failures: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: colour('--muted'), grid: { stroke: colour('--grid') } },
        { scale: 'ms', stroke: colour('--muted'), grid: { stroke: colour('--grid') }, values: (_u, ticks) => ticks.map((tick) => formatDuration(tick)), size: 70 },
        { scale: 'failures', side: 1, stroke: colour('--down'), grid: { show: false }, values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) },
      ],
      cursor: { drag: { x: true, y: false } },
    };
    const plot = new uPlot(options, reorder(data, phases.length) as AlignedData, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, windowMs]);

  if (series.points.length === 0) return <p className="page-message">No runs in this window yet.</p>;
  return <div ref={box} className="chart" role="img" aria-label={`Response times of ${series.checkId} on ${series.deployment}, ${series.resolution} buckets${phaseOrder.length ? ', phases stacked' : ''}`} />;
}

/** The columns in series order: time, the phase totals largest first, then the rest. */
function reorder(data: (number | null)[][], phaseCount: number): (number | null)[][] {
  const [time, ...rest] = data;
  const stacks = rest.slice(0, phaseCount).reverse();
  return [time!, ...stacks, ...rest.slice(phaseCount)];
}
