import { useState } from 'react';
import type { Incident } from '../../incidents/model';
import { formatDuration, formatRelative } from '../format';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { useApi } from '../use-api';

const filters = ['unresolved', 'resolved', 'all'] as const;

/** Incidents, newest first; refreshed when an `incident` event says one opened or changed. */
export function IncidentsPage() {
  const [status, setStatus] = useState<(typeof filters)[number]>('unresolved');
  const list = useApi<{ incidents: Incident[] }>(`/incidents?status=${status}`);
  useLiveEvents((event) => {
    if (event.type === 'incident') list.reload();
  });
  const now = Date.now();
  return (
    <section aria-labelledby="incidents-title">
      <div className="section-head">
        <h1 id="incidents-title">Incidents</h1>
        <div role="group" aria-label="Which incidents" className="segmented">
          {filters.map((each) => (
            <button key={each} type="button" aria-pressed={each === status} onClick={() => setStatus(each)}>
              {each}
            </button>
          ))}
        </div>
      </div>
      {list.error && <p className="problem" role="alert">{list.error}</p>}
      {list.data && list.data.incidents.length === 0 && <p className="page-message">{status === 'unresolved' ? 'No open incidents. All quiet.' : 'No incidents.'}</p>}
      {list.data && list.data.incidents.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Incident</th>
              <th scope="col">Deployment</th>
              <th scope="col">Status</th>
              <th scope="col">Opened</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {list.data.incidents.map((incident) => (
              <tr key={incident.id} className={`incident ${incident.status} ${incident.severity}`} data-incident={incident.id}>
                <td>{incident.id}</td>
                <th scope="row">
                  <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
                  <small className="meta">{incident.members.map((member) => member.checkId).join(', ')}</small>
                </th>
                <td>{incident.deployment}</td>
                <td>
                  <span className={`badge ${incident.status}`}>{incident.status}</span> <span className={`badge ${incident.severity}`}>{incident.severity}</span>
                </td>
                <td>{formatRelative(incident.openedAt, now)}</td>
                <td>{formatDuration((incident.resolvedAt ?? now) - incident.firstFailureAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
