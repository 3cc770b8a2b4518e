import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DATABASE_FILE = 'vigil.db';

/** Makes sure the folder exists and is writable, naming it in the error: "unable to open database file" alone helps nobody. */
function ensureWritableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`data folder ${folder} is not writable: ${code} ${message}`, { cause: error });
  }
}

export function databasePath(options: { dataDir?: string; file?: string }): string {
  return options.file !== undefined ? resolve(options.file) : join(resolve(options.dataDir ?? 'data'), DATABASE_FILE);
}

export function openDatabase(file: string): Database.Database {
  ensureWritableFolder(dirname(file));
  const db = new Database(file);
  try {
    // Only takes effect before the first table exists, so it must come before
    // migrations: lets retention hand freed pages back to the filesystem.
    db.pragma('auto_vacuum = INCREMENTAL');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch ${file} to WAL journal mode (got ${String(mode)})`);
    // In WAL mode NORMAL loses nothing on a process crash (kill -9), only
    // possibly the last transactions on a power cut, and saves an fsync per commit.
    db.pragma('synchronous = NORMAL');
    // After a burst the WAL is cut back to this size once checkpointed, instead of keeping its high-water mark on disk.
    db.pragma('journal_size_limit = 8388608');
    // Another process (the CLI, a second instance) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // Uptime reads a few pages per series; keep the upper levels of the rollup trees in memory.
    db.pragma('cache_size = -65536');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
