/** Incidents as plain data. An incident groups the confirmed failures of one deployment. */

export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

export type IncidentMember = {
  checkId: string;
  deployment: string;
  pageType?: string;
  /** When this target's failing streak began (first failed run). */
  since: number;
  confirmedAt: number;
  lastError?: string;
  recoveredAt?: number;
};

export type Incident = {
  id: number;
  deployment: string;
  title: string;
  status: IncidentStatus;
  severity: 'critical' | 'warning';
  /** Earliest first failure among members: the start of impact (for MTTD). */
  firstFailureAt: number;
  /** When the first failure was confirmed. */
  openedAt: number;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  resolvedAt?: number;
  resolvedBy?: string;
  members: IncidentMember[];
  runbookUrl?: string;
  remindersSent: number;
  lastReminderAt?: number;
  escalationLevel: number;
  /** When the first notification left (for MTTA/MTTR reports). */
  firstNotifiedAt?: number;
};

export type TimelineType =
  | 'first_failure'
  | 'confirmed'
  | 'joined'
  | 'reopened'
  | 'notified'
  | 'reminder'
  | 'escalated'
  | 'acknowledged'
  | 'recovered'
  | 'resolved'
  | 'note'
  /** A remediation attempt: run, refused, awaiting confirmation, its outcome and re-check. */
  | 'action';

export type TimelineEntry = {
  incidentId: number;
  at: number;
  type: TimelineType;
  message: string;
  actor?: string;
  /** A note published on the status page as an update to customers. */
  public?: boolean;
};
