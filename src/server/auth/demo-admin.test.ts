import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite';
import type { Store } from '../../store/ports';
import { ensureDemoAdmin } from './demo-admin';
import { hashPassword, verifyPassword } from './password';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-demo-admin-'));
  store = await openSqliteStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo admin', () => {
  it('gets a password generated for this data folder, kept owner-only and stable across restarts', async () => {
    const first = await ensureDemoAdmin(store, dir, 1);
    expect(first.password).toMatch(/^[\w-]{16}$/);
    expect(readFileSync(first.file, 'utf8')).toBe(`${first.password}\n`);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const user = await store.getUser('demo');
    expect(user?.role).toBe('admin');
    expect(await verifyPassword(first.password, user!.passwordHash)).toBe(true);
    expect((await ensureDemoAdmin(store, dir, 2)).password).toBe(first.password);

    const other = mkdtempSync(join(tmpdir(), 'vigil-demo-admin-'));
    try {
      expect((await ensureDemoAdmin(store, other, 3)).password).not.toBe(first.password);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('puts the password from the file back when it was changed, so the banner stays true', async () => {
    const { password, file } = await ensureDemoAdmin(store, dir, 1);
    await store.updateUser('demo', { role: 'viewer', passwordHash: await hashPassword('changed in the dashboard') });
    await ensureDemoAdmin(store, dir, 2);
    const user = await store.getUser('demo');
    expect(user?.role).toBe('admin');
    expect(await verifyPassword(password, user!.passwordHash)).toBe(true);
    writeFileSync(file, 'short\n');
    expect((await ensureDemoAdmin(store, dir, 3)).password).not.toBe('short');
  });
});
