import { useState } from 'react';
import type { CheckResult } from '../../domain/check-result';
import { artifactUrl } from '../api';
import { formatDuration, formatTime } from '../format';
import { useApi } from '../use-api';

type Run = CheckResult & { id: number };
type Step = { name: string; durationMs: number; ok: boolean; error?: string; skipped?: boolean };

/** The last runs on one deployment, failures first in colour; a run opens to show phases, assertions, steps and evidence. */
export function RecentRuns({ checkId, deployment }: { checkId: string; deployment: string }) {
  const [failedOnly, setFailedOnly] = useState(false);
  const [before, setBefore] = useState<string | null>(null);
  const params = new URLSearchParams({ check: checkId, deployment, limit: '25' });
  if (failedOnly) params.set('failed', 'true');
  if (before) params.set('before', before);
  const runs = useApi<{ results: Run[]; next: string | null }>(`/results?${params.toString()}`);
  const next = runs.data?.next ? new URLSearchParams(runs.data.next.replace(/^\?/, '')).get('before') : null;
  return (
    <div className="runs">
      <label className="inline">
        <input type="checkbox" checked={failedOnly} onChange={(event) => (setFailedOnly(event.target.checked), setBefore(null))} /> failures only
      </label>
      {runs.error && <p className="problem">Recent runs: {runs.error}</p>}
      {runs.data && runs.data.results.length === 0 && <p className="page-message">No runs yet.</p>}
      <ul className="run-list">
        {runs.data?.results.map((run) => (
          <RunItem key={run.id} run={run} />
        ))}
      </ul>
      <div className="pager">
        {before && (
          <button type="button" onClick={() => setBefore(null)}>
            ← Newest
          </button>
        )}
        {next && (
          <button type="button" onClick={() => setBefore(next)}>
            Older →
          </button>
        )}
      </div>
    </div>
  );
}

function RunItem({ run }: { run: Run }) {
  const details = run.details ?? {};
  const steps = Array.isArray(details.steps) ? (details.steps as Step[]) : [];
  const artifacts = (details.artifacts ?? {}) as Record<string, string>;
  return (
    <li className={run.ok ? 'ok' : 'failed'}>
      <details>
        <summary>
          <span className="dot" aria-hidden="true" />
          <time dateTime={new Date(run.startedAt).toISOString()}>{formatTime(run.startedAt)}</time>
          <span className="ms">{formatDuration(run.durationMs)}</span>
          <span className="error">{run.ok ? 'ok' : (run.error ?? 'failed')}</span>
        </summary>
        <div className="run-body">
          {run.phases && (
            <p className="phases">
              {Object.entries(run.phases).map(([name, ms]) => (
                <span key={name}>
                  {name} <strong>{formatDuration(ms)}</strong>
                </span>
              ))}
            </p>
          )}
          {run.assertions.length > 0 && (
            <ul className="assertions">
              {run.assertions.map((assertion, i) => (
                <li key={i} className={assertion.ok ? 'ok' : 'failed'}>
                  {assertion.ok ? '✓' : '✗'} {assertion.assertion}
                  {assertion.actual !== undefined && !assertion.ok && <small> (saw {assertion.actual})</small>}
                </li>
              ))}
            </ul>
          )}
          {steps.length > 0 && <StepTimings steps={steps} />}
          {(artifacts.screenshot || artifacts.trace) && (
            <div className="evidence">
              {artifacts.screenshot && (
                <a href={artifactUrl(artifacts.screenshot)} target="_blank" rel="noreferrer">
                  <img src={artifactUrl(artifacts.screenshot)} alt={`Screenshot when ${run.checkId} failed`} loading="lazy" />
                </a>
              )}
              {artifacts.trace && (
                <a href={artifactUrl(artifacts.trace)} download>
                  Playwright trace (open with npx playwright show-trace)
                </a>
              )}
            </div>
          )}
          <p className="meta">
            run #{run.id} · {run.location}
            {run.plannedAt !== undefined && ` · started ${formatDuration(run.startedAt - run.plannedAt)} after planned`}
          </p>
        </div>
      </details>
    </li>
  );
}

function StepTimings({ steps }: { steps: Step[] }) {
  const longest = Math.max(1, ...steps.map((step) => step.durationMs));
  return (
    <table className="steps">
      <caption>Steps</caption>
      <tbody>
        {steps.map((step, i) => (
          <tr key={i} className={step.skipped ? 'skipped' : step.ok ? 'ok' : 'failed'}>
            <th scope="row">{step.name}</th>
            <td className="ms">{step.skipped ? 'skipped' : formatDuration(step.durationMs)}</td>
            <td className="span">
              <span style={{ width: `${(step.durationMs / longest) * 100}%` }} />
            </td>
            <td>{step.error}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
