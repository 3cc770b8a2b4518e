import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index';

/**
 * Incident notes can be public: shown on the status page as an update to
 * customers. Every other timeline entry stays internal (0). Numbered 005 so
 * it sorts after the users/tokens migration being written beside it.
 */
export function publicNotes007(_dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('incident_timeline').addColumn('public', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  };
}
