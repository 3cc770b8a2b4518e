import type { Kysely, Selectable } from 'kysely';
import type { Disparity, DisparityKind } from '../../evaluate/disparity';
import type { AlertWrites } from '../../notify/outbox';
import type { Database } from '../schema';
import { writeAlerts } from './alerts';

/** Table types of disparities (see migrations/005-disparities.ts). Times are epoch ms. */
export type DisparitiesTable = {
  check_id: string;
  kind: string;
  subject: string;
  suspect: string;
  reference: string;
  suspect_value: string;
  reference_value: string;
  first_seen_at: number;
  confirmations: number;
  compared_suspect_at: number;
  compared_reference_at: number;
  raised_at: number | null;
};

export type DisparityTables = { disparities: DisparitiesTable };

/** Current disparities between deployments; the monitor is the only writer. */
export type DisparityStore = {
  /** Every current disparity, pending and raised. */
  listDisparities(): Promise<Disparity[]>;
  /**
   * Replaces the disparities of these checks with `current`, in one transaction
   * with the alert writes they caused, so a crash can neither lose a raised
   * disparity's alert nor send it again after a restart.
   */
  saveDisparities(checkIds: string[], current: Disparity[], alerts: AlertWrites): Promise<void>;
};

type Db = Kysely<Database>;

/** Each check's current disparities, replacing what is stored for it (an empty list clears the check). */
export type DisparityWrites = ReadonlyMap<string, Disparity[]>;

/** Replaces the stored disparities of these checks; call inside the caller's transaction. */
export async function replaceDisparities(db: Db, writes: DisparityWrites): Promise<void> {
  const checkIds = [...writes.keys()];
  const current = [...writes.values()].flat();
  if (checkIds.length > 0) await db.deleteFrom('disparities').where('check_id', 'in', checkIds).execute();
  if (current.length > 0) await db.insertInto('disparities').values(current.map(toRow)).execute();
}

function toDisparity(row: Selectable<DisparitiesTable>): Disparity {
  return {
    checkId: row.check_id,
    kind: row.kind as DisparityKind,
    subject: row.subject,
    suspect: row.suspect,
    reference: row.reference,
    suspectValue: row.suspect_value,
    referenceValue: row.reference_value,
    firstSeenAt: Number(row.first_seen_at),
    confirmations: Number(row.confirmations),
    comparedAt: { suspect: Number(row.compared_suspect_at), reference: Number(row.compared_reference_at) },
    ...(row.raised_at === null ? {} : { raisedAt: Number(row.raised_at) }),
  };
}

function toRow(d: Disparity): DisparitiesTable {
  return {
    check_id: d.checkId,
    kind: d.kind,
    subject: d.subject,
    suspect: d.suspect,
    reference: d.reference,
    suspect_value: d.suspectValue,
    reference_value: d.referenceValue,
    first_seen_at: d.firstSeenAt,
    confirmations: d.confirmations,
    compared_suspect_at: d.comparedAt.suspect,
    compared_reference_at: d.comparedAt.reference,
    raised_at: d.raisedAt ?? null,
  };
}

export function kyselyDisparityStore(db: Db): DisparityStore {
  return {
    async listDisparities() {
      const rows = await db.selectFrom('disparities').selectAll().orderBy('check_id').orderBy('kind').orderBy('subject').orderBy('suspect').execute();
      return rows.map(toDisparity);
    },
    async saveDisparities(checkIds, current, alerts) {
      await db.transaction().execute(async (trx) => {
        if (checkIds.length > 0) await trx.deleteFrom('disparities').where('check_id', 'in', checkIds).execute();
        if (current.length > 0) await trx.insertInto('disparities').values(current.map(toRow)).execute();
        await writeAlerts(trx, alerts);
      });
    },
  };
}
