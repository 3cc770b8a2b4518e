import { sql, type Kysely, type Selectable } from 'kysely';
import type { TargetHealth } from '../../evaluate/confirmation';
import type { Incident, TimelineEntry } from '../../incidents/model';
import type { AlertEvent, AlertMessage } from '../../notify/types';
import type { AlertStore, AlertWrites, IncidentQuery, OutboxItem, OutboxStatus, StoredHealth } from '../../notify/outbox';
import type { IncidentsTable, OutboxTable } from '../alerting-schema';
import type { Database } from '../schema';

/** The AlertStore over kysely: one implementation for SQLite and PostgreSQL. */

type Db = Kysely<Database>;
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export async function loadHealth(db: Db): Promise<StoredHealth[]> {
  const rows = await db.selectFrom('target_health').selectAll().execute();
  return rows.map((row) => ({ checkId: row.check_id, deployment: row.deployment, health: JSON.parse(row.data) as TargetHealth }));
}

function toIncident(row: Selectable<IncidentsTable>): Incident {
  return {
    id: Number(row.id),
    deployment: row.deployment,
    title: row.title,
    status: row.status as Incident['status'],
    severity: row.severity as Incident['severity'],
    firstFailureAt: Number(row.first_failure_at),
    openedAt: Number(row.opened_at),
    acknowledgedAt: row.acknowledged_at === null ? undefined : Number(row.acknowledged_at),
    acknowledgedBy: opt(row.acknowledged_by),
    resolvedAt: row.resolved_at === null ? undefined : Number(row.resolved_at),
    resolvedBy: opt(row.resolved_by),
    runbookUrl: opt(row.runbook_url),
    remindersSent: Number(row.reminders_sent),
    lastReminderAt: row.last_reminder_at === null ? undefined : Number(row.last_reminder_at),
    escalationLevel: Number(row.escalation_level),
    firstNotifiedAt: row.first_notified_at === null ? undefined : Number(row.first_notified_at),
    members: JSON.parse(row.members) as Incident['members'],
  };
}

function incidentRow(incident: Incident): IncidentsTable {
  return {
    id: incident.id,
    deployment: incident.deployment,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    first_failure_at: incident.firstFailureAt,
    opened_at: incident.openedAt,
    acknowledged_at: incident.acknowledgedAt ?? null,
    acknowledged_by: incident.acknowledgedBy ?? null,
    resolved_at: incident.resolvedAt ?? null,
    resolved_by: incident.resolvedBy ?? null,
    runbook_url: incident.runbookUrl ?? null,
    reminders_sent: incident.remindersSent,
    last_reminder_at: incident.lastReminderAt ?? null,
    escalation_level: incident.escalationLevel,
    first_notified_at: incident.firstNotifiedAt ?? null,
    members: JSON.stringify(incident.members),
  };
}

export async function listIncidents(db: Db, query: IncidentQuery = {}): Promise<Incident[]> {
  let select = db.selectFrom('incidents').selectAll().orderBy('id', 'desc').limit(Math.min(query.limit ?? 100, 1000));
  if (query.status === 'unresolved') select = select.where('status', '!=', 'resolved');
  if (query.status === 'resolved') select = select.where('status', '=', 'resolved');
  if (query.deployment) select = select.where('deployment', '=', query.deployment);
  if (query.since !== undefined) select = select.where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', query.since!)]));
  return (await select.execute()).map(toIncident);
}

export async function getIncident(db: Db, id: number): Promise<Incident | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIncident(row) : undefined;
}

export async function timeline(db: Db, incidentId: number): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({ incidentId: Number(row.incident_id), at: Number(row.at), type: row.type as TimelineEntry['type'], message: row.message, actor: opt(row.actor), ...(Number(row.public) === 1 ? { public: true } : {}) }));
}

export async function maxIncidentId(db: Db): Promise<number> {
  const row = await db.selectFrom('incidents').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Writes health, incidents, timeline and outbox rows; call inside a transaction. */
export async function writeAlerts(db: Db, writes: AlertWrites): Promise<void> {
  for (const { checkId, deployment, health } of writes.health) {
    const row = { check_id: checkId, deployment, state: health.state, since: health.since, data: JSON.stringify(health) };
    await db
      .insertInto('target_health')
      .values(row)
      .onConflict((oc) => oc.columns(['check_id', 'deployment']).doUpdateSet({ state: row.state, since: row.since, data: row.data }))
      .execute();
  }
  for (const { incident, statusChanged } of writes.incidents) {
    const row = incidentRow(incident);
    // Without a status change, leave status and acknowledgement alone: a person may have acknowledged meanwhile.
    // first_notified_at belongs to recordNotified: the monitor's in-memory copy may predate the delivery and would erase it.
    const { id: _id, status, acknowledged_at, acknowledged_by, resolved_at, resolved_by, first_notified_at: _notified, ...monitorOwned } = row;
    const update = statusChanged ? { ...monitorOwned, status, acknowledged_at, acknowledged_by, resolved_at, resolved_by } : monitorOwned;
    await db.insertInto('incidents').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
  }
  if (writes.timeline.length > 0) {
    await db
      .insertInto('incident_timeline')
      .values(writes.timeline.map((e) => ({ incident_id: e.incidentId, at: e.at, type: e.type, message: e.message, actor: e.actor ?? null, public: e.public ? 1 : 0 })))
      .execute();
  }
  for (const item of writes.outbox) {
    await db
      .insertInto('outbox')
      .values({
        dedup_key: item.dedupKey,
        channel: item.channel,
        incident_id: item.incidentId ?? null,
        event: item.event,
        message: JSON.stringify(item.message),
        status: 'pending',
        attempts: 0,
        next_attempt_at: item.createdAt,
        claimed_until: null,
        created_at: item.createdAt,
        delivered_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.column('dedup_key').doNothing())
      .execute();
  }
}

function toOutboxItem(row: Selectable<OutboxTable>): OutboxItem {
  return {
    id: Number(row.id),
    dedupKey: row.dedup_key,
    channel: row.channel,
    incidentId: row.incident_id === null ? undefined : Number(row.incident_id),
    event: row.event as AlertEvent,
    message: JSON.parse(row.message) as AlertMessage,
    createdAt: Number(row.created_at),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    deliveredAt: row.delivered_at === null ? undefined : Number(row.delivered_at),
    lastError: opt(row.last_error),
  };
}

/** Claims one item at a time with a conditional update, so concurrent dispatchers never send the same row. */
export async function claimOutbox(db: Db, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]> {
  const candidates = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: OutboxItem[] = [];
  for (const { id } of candidates) {
    const row = await db
      .updateTable('outbox')
      .set({ claimed_until: now + leaseMs, attempts: sql`attempts + 1` })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(toOutboxItem(row));
  }
  return claimed;
}

export async function markDelivered(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('outbox').set({ status: 'delivered', delivered_at: now, claimed_until: null, last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Db, id: number, error: string, nextAttemptAt: number | undefined): Promise<void> {
  await db
    .updateTable('outbox')
    .set(nextAttemptAt === undefined ? { status: 'dead', claimed_until: null, last_error: error } : { next_attempt_at: nextAttemptAt, claimed_until: null, last_error: error })
    .where('id', '=', id)
    .execute();
}

export async function recordNotified(db: Db, incidentId: number, channel: string, event: AlertEvent, at: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('incidents').set({ first_notified_at: sql`coalesce(first_notified_at, ${at})` }).where('id', '=', incidentId).execute();
    await trx.insertInto('incident_timeline').values({ incident_id: incidentId, at, type: 'notified', message: `${event.replace('incident.', '')} sent to ${channel}`, actor: null }).execute();
  });
}

export async function listOutbox(db: Db, query: { status?: OutboxStatus; limit?: number }): Promise<OutboxItem[]> {
  let select = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(Math.min(query.limit ?? 100, 1000));
  if (query.status) select = select.where('status', '=', query.status);
  return (await select.execute()).map(toOutboxItem);
}

export async function retryDead(db: Db, id: number, now: number): Promise<boolean> {
  const result = await db.updateTable('outbox').set({ status: 'pending', next_attempt_at: now, claimed_until: null }).where('id', '=', id).where('status', '=', 'dead').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The AlertStore port over a kysely instance; `transaction` runs writeAlerts atomically. */
export function kyselyAlertStore(db: Db): AlertStore {
  return {
    loadHealth: () => loadHealth(db),
    listIncidents: (query) => listIncidents(db, query),
    getIncident: (id) => getIncident(db, id),
    timeline: (incidentId) => timeline(db, incidentId),
    maxIncidentId: () => maxIncidentId(db),
    writeAlerts: (writes) => db.transaction().execute((trx) => writeAlerts(trx, writes)),
    claimOutbox: (now, leaseMs, limit) => claimOutbox(db, now, leaseMs, limit),
    markDelivered: (id, now) => markDelivered(db, id, now),
    markFailed: (id, error, next) => markFailed(db, id, error, next),
    recordNotified: (incidentId, channel, event, at) => recordNotified(db, incidentId, channel, event, at),
    listOutbox: (query) => listOutbox(db, query),
    retryDead: (id, now) => retryDead(db, id, now),
  };
}
