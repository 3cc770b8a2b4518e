import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';

const M = 60_000;

describe('login limiter', () => {
  it('allows a key until it fails N times in the window, then says how long to wait', () => {
    const limiter = new LoginLimiter({ failures: 5, windowMs: 15 * M });
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfter('alice', i * M)).toBe(0);
      limiter.fail('alice', i * M);
    }
    // The first failure (t=0) leaves the window at 15m.
    expect(limiter.retryAfter('alice', 5 * M)).toBe(10 * M);
    expect(limiter.retryAfter('bob', 5 * M)).toBe(0);
  });

  it('slides: old failures stop counting once they leave the window', () => {
    const limiter = new LoginLimiter({ failures: 3, windowMs: 10 * M });
    limiter.fail('k', 0);
    limiter.fail('k', 4 * M);
    limiter.fail('k', 8 * M);
    expect(limiter.retryAfter('k', 9 * M)).toBe(M);
    expect(limiter.retryAfter('k', 10 * M)).toBe(0);
    limiter.fail('k', 10 * M);
    // Failures at 4, 8 and 10: blocked until 4 + 10.
    expect(limiter.retryAfter('k', 11 * M)).toBe(3 * M);
  });

  it('forgets a key on reset', () => {
    const limiter = new LoginLimiter({ failures: 2, windowMs: M });
    limiter.fail('k', 0);
    limiter.fail('k', 1);
    expect(limiter.retryAfter('k', 2)).toBeGreaterThan(0);
    limiter.reset('k');
    expect(limiter.retryAfter('k', 2)).toBe(0);
  });

  it('keeps at most maxKeys keys, dropping the longest idle', () => {
    const limiter = new LoginLimiter({ failures: 1, windowMs: M }, 3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) limiter.fail(key, i);
    expect(limiter.size).toBe(3);
    expect(limiter.retryAfter('a', 10)).toBe(0);
    expect(limiter.retryAfter('d', 10)).toBeGreaterThan(0);
  });

  it('drops keys whose failures all expired when they are next looked at', () => {
    const limiter = new LoginLimiter({ failures: 5, windowMs: M });
    limiter.fail('k', 0);
    expect(limiter.retryAfter('k', 2 * M)).toBe(0);
    expect(limiter.size).toBe(0);
  });
});
