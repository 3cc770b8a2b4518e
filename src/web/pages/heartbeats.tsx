import { useEffect, useState } from 'react';
import type { HeartbeatInfo } from '../../server/api/contract';
import { formatRelative } from '../format';
import { useLiveEvents } from '../live';
import { useApi } from '../use-api';

/** Heartbeats: when each last pinged and when the next ping is due; updated live. */
export function HeartbeatsPage() {
  const list = useApi<{ heartbeats: HeartbeatInfo[] }>('/heartbeats');
  const [now, setNow] = useState(Date.now());
  // "3 s ago" must keep counting without a new event.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  useLiveEvents((event) => {
    if (event.type !== 'heartbeat') return;
    list.set((data) => ({ heartbeats: data.heartbeats.map((each) => (each.name === event.data.name ? event.data : each)) }));
  });
  return (
    <section aria-labelledby="heartbeats-title">
      <h1 id="heartbeats-title">Heartbeats</h1>
      {list.error && <p className="problem" role="alert">{list.error}</p>}
      {list.data && list.data.heartbeats.length === 0 && <p className="page-message">No heartbeats configured. Add one under `heartbeats` in the config so a cron job or worker can ping Vigil.</p>}
      {list.data && list.data.heartbeats.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Heartbeat</th>
              <th scope="col">State</th>
              <th scope="col">Last ping</th>
              <th scope="col">Expected next</th>
              <th scope="col">Schedule</th>
            </tr>
          </thead>
          <tbody>
            {list.data.heartbeats.map((beat) => (
              <tr key={beat.name} data-heartbeat={beat.name}>
                <th scope="row">
                  {beat.name}
                  {beat.tags.length > 0 && <small className="meta">{beat.tags.join(', ')}</small>}
                </th>
                <td>
                  <span className={`badge hb-${beat.state}`}>{beat.state}</span>
                </td>
                <td>
                  {formatRelative(beat.lastPingAt, now)}
                  {beat.lastPingKind && beat.lastPingKind !== 'success' && <small> ({beat.lastPingKind})</small>}
                </td>
                <td className={beat.nextExpectedAt !== null && beat.nextExpectedAt < now ? 'overdue' : undefined}>{beat.nextExpectedAt === null ? '–' : formatRelative(beat.nextExpectedAt, now)}</td>
                <td>
                  <code>{beat.schedule}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
