import { describe, expect, it } from 'vitest';
import { decoyHash, DEFAULT_COST, hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores scrypt with its parameters and a random salt, never the password', async () => {
    const a = await hashPassword('the same password');
    const b = await hashPassword('the same password');
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^scrypt\\$${DEFAULT_COST.N}\\$${DEFAULT_COST.r}\\$${DEFAULT_COST.p}\\$[\\w-]{22}\\$[\\w-]{86}$`));
    expect(a).not.toContain('same');
  });

  it('verifies hashes made with other parameters, read from the stored form', async () => {
    const cheap = await hashPassword('an older cheaper hash', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older cheaper hash', cheap)).toBe(true);
  });

  it('treats malformed or absurd stored hashes as no match instead of throwing', async () => {
    for (const stored of ['', 'plain text', 'scrypt$x$8$1$abc$def', 'bcrypt$1$2$3$4$5', `scrypt$${2 ** 24}$8$1$AAAA$${'A'.repeat(86)}`, 'scrypt$1024$8$1$AAAA$short']) {
      expect(await verifyPassword('whatever password', stored)).toBe(false);
    }
  });

  it('normalises unicode so the same password typed on another keyboard still matches', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!');
    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it('has a decoy hash that matches nothing anyone can type', async () => {
    const decoy = await decoyHash();
    expect(decoy).toBe(await decoyHash());
    expect(await verifyPassword('password1234', decoy)).toBe(false);
  });

  it('explains why a password is refused', () => {
    expect(passwordProblem('short')).toBe('expected a password of at least 10 characters (got 5)');
    expect(passwordProblem(42)).toBe('expected a password');
    expect(passwordProblem('x'.repeat(2000))).toBe('expected a password of at most 1024 characters');
    expect(passwordProblem('long enough!')).toBeUndefined();
  });
});
