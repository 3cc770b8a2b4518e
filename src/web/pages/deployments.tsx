import type { DeploymentStatus, GridPage, MaintenanceInfo } from '../../server/api/contract';
import { cellStates } from '../filters';
import { formatRatio, formatRelative } from '../format';
import { stateWords } from '../parts/state-words';
import { Link } from '../router';
import { useApi } from '../use-api';
import { Disparities, type DisparityView } from '../parts/compare';
import { searchFromFilters, defaultFilters } from '../filters';

/** Every deployment side by side: the same checks, how each copy of the store is doing. */
export function DeploymentsPage() {
  const list = useApi<{ deployments: DeploymentStatus[] }>('/deployments');
  const disparities = useApi<{ disparities: DisparityView[]; pending: DisparityView[] }>('/disparities');
  const maintenance = useApi<{ windows: MaintenanceInfo[] }>('/maintenance');
  // Down somewhere (filtered by the server), kept when some other deployment is not down: where failing over would help.
  const down = useApi<GridPage>('/grid?state=down&pageSize=200');
  const split = (down.data?.rows ?? []).filter((row) => Object.values(row.cells).some((cell) => cell.state !== 'down'));
  const now = Date.now();
  return (
    <section aria-labelledby="deployments-title">
      <h1 id="deployments-title">Deployments</h1>
      {list.error && <p className="problem" role="alert">{list.error}</p>}
      <div className="side-by-side">
        {list.data?.deployments.map((deployment) => {
          const total = cellStates.reduce((sum, state) => sum + deployment.counts[state], 0);
          return (
            <article key={deployment.name} className="deployment" aria-labelledby={`deployment-${deployment.name}`}>
              <h2 id={`deployment-${deployment.name}`}>
                {deployment.name} <small>{deployment.role}</small>
              </h2>
              <p className="meta">
                <code>{deployment.baseUrl}</code>
                {deployment.provider && ` · ${deployment.provider}`}
              </p>
              <p className="big">
                {formatRatio(deployment.uptime24h)} <small>up, last 24 h</small>
              </p>
              <div className="stack" role="img" aria-label={cellStates.map((state) => `${deployment.counts[state]} ${stateWords[state]}`).join(', ')}>
                {cellStates.map((state) => (deployment.counts[state] > 0 ? <span key={state} className={`cell ${state}`} style={{ flexGrow: deployment.counts[state] }} /> : null))}
              </div>
              <ul className="plain">
                {cellStates.map((state) =>
                  deployment.counts[state] > 0 ? (
                    <li key={state}>
                      <Link to={`/${searchFromFilters({ ...defaultFilters, deployment: deployment.name, state })}`}>
                        {deployment.counts[state]} {stateWords[state]}
                      </Link>
                    </li>
                  ) : null,
                )}
                {total === 0 && <li>no checks yet</li>}
              </ul>
            </article>
          );
        })}
      </div>
      <h2>Differences between deployments</h2>
      {disparities.error && <p className="problem">{disparities.error}</p>}
      {disparities.data && disparities.data.disparities.length + disparities.data.pending.length === 0 && <p className="page-message">Every deployment serves the same prices, builds and states.</p>}
      {disparities.data && <Disparities disparities={disparities.data.disparities} pending={disparities.data.pending} />}
      <h2>Down on one deployment only</h2>
      {down.error && <p className="problem">{down.error}</p>}
      {down.data && split.length === 0 && <p className="page-message">No check is down on one deployment and not on another.</p>}
      {split.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Check</th>
              {down.data!.deployments.map((deployment) => (
                <th scope="col" key={deployment.name}>
                  {deployment.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {split.map((row) => (
              <tr key={row.checkId}>
                <th scope="row">
                  <Link to={`/checks/${encodeURIComponent(row.checkId)}`}>{row.name}</Link>
                  <small className="meta">{row.summary}</small>
                </th>
                {down.data!.deployments.map((deployment) => {
                  const cell = row.cells[deployment.name];
                  return (
                    <td key={deployment.name} className={cell ? `cell ${cell.state}` : 'cell none'}>
                      {cell && (
                        <>
                          <span className="dot" aria-hidden="true" /> {stateWords[cell.state]}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Maintenance windows</h2>
      {maintenance.error && <p className="problem">{maintenance.error}</p>}
      {maintenance.data && maintenance.data.windows.length === 0 && <p className="page-message">None configured.</p>}
      {maintenance.data && maintenance.data.windows.length > 0 && (
        <ul className="plain">
          {maintenance.data.windows.map((window) => (
            <li key={window.name}>
              <strong>{window.name}</strong> ({window.kind}) · {window.activeNow ? <span className="badge maintenance">active now</span> : window.nextStart ? `next ${formatRelative(window.nextStart, now)}` : 'no upcoming window'} · {window.description}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
