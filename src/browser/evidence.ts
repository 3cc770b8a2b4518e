import { mkdir, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Failure evidence on disk: `<dataDir>/artifacts/<check>/<timestamp>-<deployment>/`
 * holding `screenshot.png` and `trace.zip`. The result stores the paths.
 */

/** A check id or deployment name as one safe path segment (`product page [/p/a]` → `product-page-p-a`). */
export function pathSegment(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'unnamed';
}

/** Creates the folder of one failed run; the timestamp sorts and names it (`2026-11-25T10-04-05.123Z-production`). */
export async function runEvidenceDir(checkDir: string, deployment: string, startedAt: number): Promise<string> {
  const stamp = new Date(startedAt).toISOString().replace(/:/g, '-');
  const dir = join(checkDir, `${stamp}-${pathSegment(deployment)}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Deletes run folders older than `maxAgeMs` (raw-result retention: evidence
 * should not outlive the result that links to it) and check folders left empty.
 * Returns how many run folders went.
 */
export async function pruneEvidence(artifactsDir: string, maxAgeMs: number, now: number): Promise<number> {
  let removed = 0;
  const checks = await readdir(artifactsDir, { withFileTypes: true }).catch(() => []);
  for (const checkEntry of checks) {
    if (!checkEntry.isDirectory()) continue;
    const checkDir = join(artifactsDir, checkEntry.name);
    const runs = await readdir(checkDir, { withFileTypes: true }).catch(() => []);
    let kept = 0;
    for (const run of runs) {
      const runDir = join(checkDir, run.name);
      const info = await stat(runDir).catch(() => undefined);
      if (info && now - info.mtimeMs > maxAgeMs) {
        await rm(runDir, { recursive: true, force: true });
        removed += 1;
      } else kept += 1;
    }
    // rmdir, not rm -r: a run writing its evidence right now may have just created a folder here.
    if (kept === 0) await rmdir(checkDir).catch(() => undefined);
  }
  return removed;
}
