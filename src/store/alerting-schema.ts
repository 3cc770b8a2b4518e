import type { Generated } from 'kysely';

/** Table types of the alerting side (see migrations/002-alerting.ts). Times are epoch ms; JSON columns are text. */

export type TargetHealthTable = { check_id: string; deployment: string; state: string; since: number; data: string };

export type IncidentsTable = {
  id: number;
  deployment: string;
  title: string;
  status: string;
  severity: string;
  first_failure_at: number;
  opened_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  runbook_url: string | null;
  reminders_sent: number;
  last_reminder_at: number | null;
  escalation_level: number;
  first_notified_at: number | null;
  members: string;
};

export type IncidentTimelineTable = { id: Generated<number>; incident_id: number; at: number; type: string; message: string; actor: string | null; public: Generated<number> };

export type OutboxTable = {
  id: Generated<number>;
  dedup_key: string;
  channel: string;
  incident_id: number | null;
  event: string;
  message: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  created_at: number;
  delivered_at: number | null;
  last_error: string | null;
};

export type AlertingTables = {
  target_health: TargetHealthTable;
  incidents: IncidentsTable;
  incident_timeline: IncidentTimelineTable;
  outbox: OutboxTable;
};
