import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index';

/**
 * Alerting: the confirmed health of each check × deployment, incidents with
 * their timeline, and the notification outbox. Incident ids are assigned by
 * the monitor (small integers people type: `vigil ack 12`).
 */
export function alerting002(dialect: SqlDialectName): Migration {
  const pg = dialect === 'postgres';
  const serialKey = pg ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('target_health')
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('deployment', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('target_health_pk', ['check_id', 'deployment'])
        .execute();
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('deployment', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('first_failure_at', 'bigint', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('acknowledged_at', 'bigint')
        .addColumn('acknowledged_by', 'text')
        .addColumn('resolved_at', 'bigint')
        .addColumn('resolved_by', 'text')
        .addColumn('runbook_url', 'text')
        .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_reminder_at', 'bigint')
        .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_notified_at', 'bigint')
        .addColumn('members', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_status').on('incidents').columns(['status', 'opened_at']).execute();
      await db.schema
        .createTable('incident_timeline')
        .addColumn('id', serialKey, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('incident_id', 'bigint', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .execute();
      await db.schema.createIndex('incident_timeline_incident').on('incident_timeline').columns(['incident_id', 'at']).execute();
      await db.schema
        .createTable('outbox')
        .addColumn('id', serialKey, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'bigint')
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['outbox', 'incident_timeline', 'incidents', 'target_health']) await db.schema.dropTable(table).execute();
    },
  };
}
