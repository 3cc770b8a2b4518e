/**
 * The colour of an uptime bar. Steps rather than a smooth gradient, because
 * people read these bars by class (fine, a blip, an outage), and the steps
 * follow what an SLO cares about: 99.9% is a normal day, 99% is noticeable,
 * under 95% somebody lost sales.
 */
export type UptimeClass = 'none' | 'full' | 'high' | 'mid' | 'low' | 'bad';

export function uptimeClass(ratio: number | null | undefined): UptimeClass {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return 'none';
  if (ratio >= 0.9999) return 'full';
  if (ratio >= 0.999) return 'high';
  if (ratio >= 0.99) return 'mid';
  if (ratio >= 0.95) return 'low';
  return 'bad';
}

/** Words for the same classes, for titles and screen readers. */
export const uptimeWords: Record<UptimeClass, string> = {
  none: 'no data',
  full: 'fully up',
  high: 'minor blips',
  mid: 'some failures',
  low: 'partial outage',
  bad: 'major outage',
};
