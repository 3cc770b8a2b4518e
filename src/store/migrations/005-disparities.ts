import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index';

/** The current disparities between deployments, pending or raised: a restart neither forgets nor re-sends them. */
export function disparities005(_dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('disparities')
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('suspect', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('suspect_value', 'text', (c) => c.notNull())
        .addColumn('reference_value', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('confirmations', 'integer', (c) => c.notNull())
        .addColumn('compared_suspect_at', 'bigint', (c) => c.notNull())
        .addColumn('compared_reference_at', 'bigint', (c) => c.notNull())
        .addColumn('raised_at', 'bigint')
        .addPrimaryKeyConstraint('disparities_pk', ['check_id', 'kind', 'subject', 'suspect'])
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('disparities').execute();
    },
  };
}
