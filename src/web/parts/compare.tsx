import { formatDuration, formatRatio, formatRelative } from '../format';
import { useApi } from '../use-api';

/** The parts of GET /api/v1/compare this view reads (src/monitor/disparity-comparison.ts has the whole shape). */
type Column = {
  deployment: string;
  role: 'primary' | 'backup';
  state: string;
  lastRun: { at: number; ok: boolean; durationMs: number; error?: string } | null;
  latency: { lastMs: number | null; p50Ms: number | null; p95Ms: number | null; runs: number };
  uptime: number | null;
  extracted: Record<string, string | null>;
};
export type DisparityView = { checkId: string; kind: string; subject: string; suspect: string; reference: string; suspectValue: string; referenceValue: string; firstSeenAt: number; raisedAt?: number };
type Compared = { checkId: string; deployments: Column[]; disparities: DisparityView[]; pending: DisparityView[] };
type Comparison = { groups: { pageType: string; checks: Compared[] }[] };

/** One check on every deployment at once: latency, uptime and the values it extracts, with the differences Vigil has noticed. */
export function CompareDeployments({ checkId }: { checkId: string }) {
  const comparison = useApi<Comparison>(`/compare?window=24h&check=${encodeURIComponent(checkId)}`);
  if (comparison.error) return <p className="problem">Side by side: {comparison.error}</p>;
  const check = comparison.data?.groups.flatMap((group) => group.checks).find((each) => each.checkId === checkId);
  if (!check) return comparison.data ? null : <p className="page-message">Loading…</p>;
  if (check.deployments.length < 2) return null;
  const now = Date.now();
  const keys = [...new Set(check.deployments.flatMap((column) => Object.keys(column.extracted)))].sort();
  const row = (label: string, value: (column: Column) => string) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      {check.deployments.map((column) => (
        <td key={column.deployment}>{value(column)}</td>
      ))}
    </tr>
  );
  return (
    <>
      <table className="list compare">
        <caption>Last 24 hours</caption>
        <thead>
          <tr>
            <th scope="col" />
            {check.deployments.map((column) => (
              <th scope="col" key={column.deployment}>
                {column.deployment} <small>{column.role}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row('state', (c) => c.state)}
          {row('last run', (c) => (c.lastRun ? `${c.lastRun.ok ? 'ok' : 'failed'} ${formatRelative(c.lastRun.at, now)}` : 'not yet'))}
          {row('median', (c) => formatDuration(c.latency.p50Ms))}
          {row('p95', (c) => formatDuration(c.latency.p95Ms))}
          {row('uptime', (c) => formatRatio(c.uptime))}
          {keys.map((key) => row(key, (c) => c.extracted[key] ?? '–'))}
        </tbody>
      </table>
      <Disparities disparities={check.disparities} pending={check.pending} />
    </>
  );
}

export function Disparities({ disparities, pending = [] }: { disparities: DisparityView[]; pending?: DisparityView[] }) {
  if (disparities.length === 0 && pending.length === 0) return null;
  return (
    <ul className="disparities">
      {[...disparities, ...pending].map((d) => (
        <li key={`${d.checkId}|${d.kind}|${d.subject}|${d.suspect}`} className={d.raisedAt ? 'raised' : 'pending'}>
          <strong>{d.suspect}</strong> differs from {d.reference} in <strong>{d.subject}</strong>: <code>{d.suspectValue}</code> vs <code>{d.referenceValue}</code>
          <small>
            {' '}
            · {d.raisedAt ? `raised ${formatRelative(d.raisedAt, Date.now())}` : 'not yet confirmed'} · {d.checkId}
          </small>
        </li>
      ))}
    </ul>
  );
}
