import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs WAL checkpoints on a worker thread with its own connection.
 *
 * A checkpoint copies pages from the WAL into the database file and fsyncs
 * both; done by the writing connection (SQLite's auto-checkpoint) it stalls
 * the event loop — and with it check timing — for the length of an fsync,
 * every few hundred results. PASSIVE checkpoints never block the writer, so
 * the writer only ever appends to the WAL. The writer keeps a large
 * auto-checkpoint as a backstop, so the WAL stays bounded even if this
 * thread falls behind or dies.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(file: string, intervalMs = 1_000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { file, driver, intervalMs } });
  // Checkpointing is housekeeping: it must never keep the process alive.
  worker.unref();
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  // A failing checkpointer only means the writer's backstop checkpoints take
  // over; it must not take the process down with an unhandled 'error' event.
  worker.on('error', () => undefined);
  worker.on('message', () => undefined);
  return {
    stop() {
      // Held again while stopping: an unref'd worker would let the process end with this promise pending (exit code 13).
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
