import type { Store } from './ports';
import { openSqliteStore } from './sqlite';

/**
 * The store a running Vigil uses, chosen from config. SQLite only for now;
 * PostgreSQL will be picked here by a `storage.url` once its adapter exists.
 */
export function openStore(config: { storage: { dataDir: string } }): Promise<Store> {
  return openSqliteStore({ dataDir: config.storage.dataDir });
}
