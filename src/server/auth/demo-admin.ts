import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUser } from './accounts';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import type { AuthStore } from './store-port';

export const DEMO_USER = 'demo';

/**
 * Makes sure `vigil demo` can be logged into: an admin `demo` whose password
 * is generated once per data folder and kept in `<dataDir>/demo-password`
 * (readable by the owner only), so it stays the same across restarts and is
 * never a password shared by every installation.
 */
export async function ensureDemoAdmin(store: AuthStore, dataDir: string, now: number): Promise<{ name: string; password: string; file: string }> {
  const file = join(dataDir, 'demo-password');
  let password = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (passwordProblem(password)) {
    password = randomBytes(12).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  const existing = await store.getUser(DEMO_USER);
  if (!existing) {
    await addUser(store, { name: DEMO_USER, role: 'admin', password }, now);
  } else if (existing.role !== 'admin' || !(await verifyPassword(password, existing.passwordHash))) {
    // Someone changed it from the dashboard: the banner must stay true, so the file wins.
    await store.updateUser(DEMO_USER, { role: 'admin', passwordHash: await hashPassword(password) });
  }
  return { name: DEMO_USER, password, file };
}
