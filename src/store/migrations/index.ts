import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { results001 } from './001-results';
import { alerting002 } from './002-alerting';
import { heartbeats003 } from './003-heartbeats';
import { auth004 } from './004-auth';
import { disparities005 } from './005-disparities';
import { remediation006 } from './006-remediation';
import { publicNotes007 } from './007-public-notes';

export type SqlDialectName = 'sqlite' | 'postgres';

/**
 * Migrations live in code, in order, so they run the same under tsx, a
 * bundle or a compiled build; nothing scans the filesystem. Append only:
 * never rename or edit a migration that has shipped.
 */
export function migrationsFor(dialect: SqlDialectName): Record<string, Migration> {
  return {
    '001-results': results001(dialect),
    '002-alerting': alerting002(dialect),
    '003-heartbeats': heartbeats003(dialect),
    '004-auth': auth004(dialect),
    '005-disparities': disparities005(dialect),
    '006-remediation': remediation006(dialect),
    '007-public-notes': publicNotes007(dialect),
  };
}

function providerFor(dialect: SqlDialectName): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrationsFor(dialect)) };
}

/** Applies pending migrations; a no-op when the schema is current. */
export async function migrateToLatest(db: Kysely<any>, dialect: SqlDialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: providerFor(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
