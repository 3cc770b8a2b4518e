import type { Generated, Kysely, Selectable, Updateable } from 'kysely';
import type { TimelineEntry } from '../../incidents/model';
import type { Attempt, AttemptPatch, NewAttempt, Recheck } from '../../remediate/attempt';
import type { RemediationStore } from '../../remediate/store-port';
import type { Database } from '../schema';

/** The remediation audit log over kysely (see migrations/006-remediation.ts). JSON columns are text. */

export type RemediationAttemptsTable = {
  id: Generated<number>;
  action: string;
  kind: string;
  provider: string;
  incident_id: number | null;
  deployment: string;
  to_deployment: string | null;
  actor: string;
  trigger: string;
  policy: string | null;
  status: string;
  reason: string;
  claim_key: string | null;
  started_at: number;
  finished_at: number | null;
  output: string | null;
  provider_response: string | null;
  recheck: string | null;
};

export type RemediationTables = { remediation_attempts: RemediationAttemptsTable };

type Db = Kysely<Database>;
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

function toAttempt(row: Selectable<RemediationAttemptsTable>): Attempt {
  return {
    id: Number(row.id),
    action: row.action,
    kind: row.kind as Attempt['kind'],
    provider: row.provider,
    incidentId: row.incident_id === null ? undefined : Number(row.incident_id),
    deployment: row.deployment,
    toDeployment: opt(row.to_deployment),
    actor: row.actor,
    trigger: row.trigger as Attempt['trigger'],
    policy: opt(row.policy),
    status: row.status as Attempt['status'],
    reason: row.reason,
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? undefined : Number(row.finished_at),
    output: opt(row.output),
    providerResponse: row.provider_response === null ? undefined : (JSON.parse(row.provider_response) as unknown),
    recheck: row.recheck === null ? undefined : (JSON.parse(row.recheck) as Recheck),
  };
}

async function insertTimeline(db: Db, timeline: TimelineEntry[]): Promise<void> {
  if (timeline.length === 0) return;
  await db
    .insertInto('incident_timeline')
    .values(timeline.map((e) => ({ incident_id: e.incidentId, at: e.at, type: e.type, message: e.message, actor: e.actor ?? null })))
    .execute();
}

export function kyselyRemediationStore(db: Db): RemediationStore {
  return {
    recordAttempt: (attempt: NewAttempt, timeline: TimelineEntry[]) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('remediation_attempts')
          .values({
            action: attempt.action,
            kind: attempt.kind,
            provider: attempt.provider,
            incident_id: attempt.incidentId ?? null,
            deployment: attempt.deployment,
            to_deployment: attempt.toDeployment ?? null,
            actor: attempt.actor,
            trigger: attempt.trigger,
            policy: attempt.policy ?? null,
            status: attempt.status,
            reason: attempt.reason,
            claim_key: attempt.claimKey ?? null,
            started_at: attempt.startedAt,
            finished_at: attempt.finishedAt ?? null,
            output: attempt.output ?? null,
            provider_response: json(attempt.providerResponse),
            recheck: json(attempt.recheck),
          })
          .onConflict((oc) => oc.column('claim_key').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        const attemptId = Number(row.id);
        // Timeline messages may name the attempt, which has no id until now.
        await insertTimeline(trx, timeline.map((entry) => ({ ...entry, message: entry.message.replaceAll('#{attempt}', `#${attemptId}`) })));
        return toAttempt(row);
      }),

    updateAttempt: (id: number, patch: AttemptPatch, timeline: TimelineEntry[]) =>
      db.transaction().execute(async (trx) => {
        const set: Updateable<RemediationAttemptsTable> = {};
        if (patch.status !== undefined) set.status = patch.status;
        if (patch.reason !== undefined) set.reason = patch.reason;
        if (patch.finishedAt !== undefined) set.finished_at = patch.finishedAt;
        if (patch.output !== undefined) set.output = patch.output;
        if (patch.providerResponse !== undefined) set.provider_response = json(patch.providerResponse);
        if (patch.recheck !== undefined) set.recheck = json(patch.recheck);
        if (Object.keys(set).length > 0) await trx.updateTable('remediation_attempts').set(set).where('id', '=', id).execute();
        await insertTimeline(trx, timeline);
      }),

    markInterrupted: (id: number, reason: string, finishedAt: number, timeline: TimelineEntry[]) =>
      db.transaction().execute(async (trx) => {
        // Conditional: a provider call that finished meanwhile keeps its outcome. The claim goes so the action may run again.
        const updated = await trx
          .updateTable('remediation_attempts')
          .set({ status: 'failed', reason, finished_at: finishedAt, claim_key: null })
          .where('id', '=', id)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        await insertTimeline(trx, timeline);
        return true;
      }),

    async listAttempts(query = {}) {
      let select = db.selectFrom('remediation_attempts').selectAll().orderBy('id', 'desc').limit(Math.min(query.limit ?? 100, 1000));
      if (query.incidentId !== undefined) select = select.where('incident_id', '=', query.incidentId);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      return (await select.execute()).map(toAttempt);
    },
  };
}
