/** Human durations: `850 ms`, `1.24 s`, `2 min 5 s`, `3 h 12 min`, `4 d 2 h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${sign}${abs.toFixed(2)} ms`;
  if (abs < 1_000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 10_000) return `${sign}${(abs / 1_000).toFixed(2)} s`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(1)} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) => `${sign}${big} ${bigUnit}${small ? ` ${small} ${smallUnit}` : ''}`;
  const seconds = Math.round(abs / 1_000);
  if (seconds < 3_600) return pair(Math.floor(seconds / 60), 'min', seconds % 60, 's');
  const minutes = Math.round(abs / 60_000);
  if (minutes < 1_440) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(abs / 3_600_000);
  return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

/** `12 s ago`, `in 3 min`, `just now`; `never` for null. */
export function formatRelative(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined) return 'never';
  const delta = at - now;
  if (Math.abs(delta) < 1_000) return 'just now';
  const text = formatDuration(Math.abs(Math.round(delta / 1_000) * 1_000));
  return delta < 0 ? `${text} ago` : `in ${text}`;
}

/** An uptime ratio as a percentage with enough digits to tell 99.9 from 99.99; `–` when nothing ran. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '–';
  if (ratio >= 1) return '100%';
  const percent = ratio * 100;
  return `${percent >= 99 ? percent.toFixed(2) : percent.toFixed(1)}%`;
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
