import { lazy, Suspense, useState } from 'react';
import type { CheckDetail, Series, UptimeBar } from '../../server/api/contract';
import { formatDuration, formatRatio } from '../format';
import { Link, navigate, useLocation } from '../router';
import { useApi } from '../use-api';
import { useLiveEvents } from '../live';
import { UptimeBars } from '../parts/uptime-bars';
import { RecentRuns } from '../parts/recent-runs';
import { CompareDeployments } from '../parts/compare';
import { stateWords } from '../parts/state-words';

const ResponseChart = lazy(() => import('../parts/response-chart'));

const windows = ['24h', '7d', '30d', '90d'] as const;
const windowMs: Record<(typeof windows)[number], number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000 };

/** One check: its state per deployment, response times with phases, uptime, recent runs. */
export default function CheckPage({ checkId }: { checkId: string }) {
  const { search } = useLocation();
  const detail = useApi<CheckDetail>(`/checks/${encodeURIComponent(checkId)}`);
  const [window, setWindow] = useState<(typeof windows)[number]>('24h');
  // The state tabs follow live events, like the grid's cells.
  useLiveEvents((event) => {
    if (event.type !== 'cell' || event.data.checkId !== checkId) return;
    const cell = event.data;
    detail.set((data) => (data.row.cells[cell.deployment] ? { ...data, row: { ...data.row, cells: { ...data.row.cells, [cell.deployment]: cell } } } : data));
  });
  if (detail.error) return <p className="problem" role="alert">{detail.error}</p>;
  if (!detail.data) return <p className="page-message">Loading…</p>;
  const { row, runbook, intervalMs, timeoutMs, uptime } = detail.data;
  const deployments = Object.keys(row.cells);
  const wanted = new URLSearchParams(search).get('deployment');
  const deployment = wanted && deployments.includes(wanted) ? wanted : deployments[0];
  const base = `/checks/${encodeURIComponent(checkId)}`;
  const q = (extra: string) => `${base}/${extra}${extra.includes('?') ? '&' : '?'}deployment=${encodeURIComponent(deployment ?? '')}`;

  return (
    <section aria-labelledby="check-title">
      <p className="crumbs">
        <Link to="/">Status</Link> ›
      </p>
      <h1 id="check-title">{row.name}</h1>
      <p className="meta">
        {row.kind}
        {row.pageType ? ` · page type ${row.pageType}` : ''} · {row.summary} · every {formatDuration(intervalMs)}, timeout {formatDuration(timeoutMs)}
        {row.tags.length > 0 && ` · tags ${row.tags.join(', ')}`}
        {runbook && (
          <>
            {' · '}
            <a href={runbook}>runbook</a>
          </>
        )}
      </p>
      <div className="tabs" role="group" aria-label="Deployment">
        {deployments.map((name) => {
          const cell = row.cells[name]!;
          return (
            <button key={name} type="button" aria-pressed={name === deployment} className={`tab cell ${cell.state}`} onClick={() => navigate(`${base}?deployment=${encodeURIComponent(name)}`, { replace: true })}>
              <span className="dot" aria-hidden="true" /> {name}: {stateWords[cell.state]}
            </button>
          );
        })}
      </div>
      {deployment && (
        <div>
          {row.cells[deployment]?.error && (
            <p className="problem">
              Last failure: <code>{row.cells[deployment]!.error}</code>
            </p>
          )}
          <h2>Uptime</h2>
          <dl className="uptime-summary">
            {(uptime[deployment] ?? []).map((summary) => (
              <div key={summary.window}>
                <dt>{summary.window}</dt>
                <dd>
                  <strong>{formatRatio(summary.ratio)}</strong>
                  <small>
                    {summary.runs} runs, {summary.failures} failed
                  </small>
                </dd>
              </div>
            ))}
          </dl>
          <DailyBars path={q('uptime-bars?days=90')} />
          <div className="section-head">
            <h2>Response time</h2>
            <div role="group" aria-label="Time window" className="segmented">
              {windows.map((each) => (
                <button key={each} type="button" aria-pressed={each === window} onClick={() => setWindow(each)}>
                  {each}
                </button>
              ))}
            </div>
          </div>
          <Chart path={q(`series?window=${window}`)} windowMs={windowMs[window]} />
          {deployments.length > 1 && (
            <>
              <h2>Deployments side by side</h2>
              <CompareDeployments checkId={checkId} />
            </>
          )}
          <h2>Recent runs</h2>
          <RecentRuns checkId={checkId} deployment={deployment} />
        </div>
      )}
    </section>
  );
}

function DailyBars({ path }: { path: string }) {
  const bars = useApi<UptimeBar[] | { bars: UptimeBar[] }>(path);
  if (bars.error) return <p className="problem">Uptime bars: {bars.error}</p>;
  const list = Array.isArray(bars.data) ? bars.data : (bars.data?.bars ?? null);
  return list ? <UptimeBars bars={list} /> : <div className="bars placeholder" />;
}

function Chart({ path, windowMs }: { path: string; windowMs: number }) {
  const series = useApi<Series>(path);
  if (series.error) return <p className="problem">Response times: {series.error}</p>;
  return (
    <Suspense fallback={<div className="chart placeholder" />}>
      {series.data ? <ResponseChart series={series.data} windowMs={windowMs} /> : <div className="chart placeholder" />}
    </Suspense>
  );
}
