import { useState, type FormEvent } from 'react';
import type { User } from '../../server/api/contract';
import type { Incident, TimelineEntry } from '../../incidents/model';
import { api } from '../api';
import { formatDuration, formatTime } from '../format';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { useApi } from '../use-api';

/** One incident: who is affected, its timeline, and the buttons that move it along. */
export function IncidentPage({ id, user }: { id: string; user: User }) {
  const loaded = useApi<{ incident: Incident; timeline: TimelineEntry[] }>(`/incidents/${encodeURIComponent(id)}`);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  useLiveEvents((event) => {
    if (event.type === 'incident' && String(event.data.id) === id) loaded.reload();
  });
  const canAct = user.role !== 'viewer';

  const act = async (path: string, body: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/incidents/${encodeURIComponent(id)}/${path}`, { method: 'POST', body: { by: user.name, ...body } });
      loaded.reload();
      return true;
    } catch (error) {
      setProblem((error as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() && (await act('notes', { text: note.trim() }))) setNote('');
  };

  if (loaded.error) return <p className="problem" role="alert">{loaded.error}</p>;
  if (!loaded.data) return <p className="page-message">Loading…</p>;
  const { incident, timeline } = loaded.data;
  const now = Date.now();
  return (
    <section aria-labelledby="incident-title">
      <p className="crumbs">
        <Link to="/incidents">Incidents</Link> ›
      </p>
      <h1 id="incident-title">
        #{incident.id} {incident.title}
      </h1>
      <p className="meta">
        <span className={`badge ${incident.status}`} data-status={incident.status}>
          {incident.status}
        </span>{' '}
        <span className={`badge ${incident.severity}`}>{incident.severity}</span> · {incident.deployment} · impact for {formatDuration((incident.resolvedAt ?? now) - incident.firstFailureAt)}
        {incident.acknowledgedBy && ` · acknowledged by ${incident.acknowledgedBy}`}
        {incident.resolvedBy && ` · resolved by ${incident.resolvedBy}`}
        {incident.runbookUrl && (
          <>
            {' · '}
            <a href={incident.runbookUrl}>runbook</a>
          </>
        )}
      </p>
      {canAct && incident.status !== 'resolved' && (
        <div className="actions">
          {incident.status === 'open' && (
            <button type="button" disabled={busy} onClick={() => void act('ack', {})}>
              Acknowledge
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => void act('resolve', {})}>
            Resolve
          </button>
        </div>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <h2>Affected</h2>
      <ul className="members">
        {incident.members.map((member) => (
          <li key={`${member.checkId}|${member.deployment}`}>
            <Link to={`/checks/${encodeURIComponent(member.checkId)}?deployment=${encodeURIComponent(member.deployment)}`}>{member.checkId}</Link> on {member.deployment}
            {member.recoveredAt ? ` · recovered ${formatTime(member.recoveredAt)}` : ' · still failing'}
            {member.lastError && <code className="error">{member.lastError}</code>}
          </li>
        ))}
      </ul>
      <h2>Timeline</h2>
      <ol className="timeline">
        {timeline.map((entry, i) => (
          <li key={i} className={entry.type}>
            <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
            <span className="type">{entry.type.replace('_', ' ')}</span>
            <span>
              {entry.message}
              {entry.actor && <small> — {entry.actor}</small>}
            </span>
          </li>
        ))}
      </ol>
      {canAct && (
        <form className="note" onSubmit={(event) => void addNote(event)}>
          <label>
            Add a note
            <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} maxLength={2000} />
          </label>
          <button type="submit" disabled={busy || note.trim() === ''}>
            Add note
          </button>
        </form>
      )}
    </section>
  );
}
