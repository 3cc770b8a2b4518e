import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { context, listen, selfSignedCertificate, unusedPort } from '../test-servers';
import { tlsSchema } from './definition';
import { runner } from './runner';

const day = 86_400_000;
const spec = (fields: Record<string, unknown> = {}) => tlsSchema.parse({ kind: 'tls', ...fields });

describe('tls check', () => {
  const started: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((close) => close()));
  });
  async function serve(validity: { notBefore?: Date; notAfter?: Date } = {}): Promise<string> {
    const { port, close } = await listen(createTlsServer(await selfSignedCertificate(validity), (socket) => socket.end()));
    started.push(close);
    return `https://127.0.0.1:${port}`;
  }

  it('passes a self-signed certificate when allowed, with its facts', async () => {
    const result = await runner.run(spec({ allowSelfSigned: true }), context(await serve()));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.assertions.map((a) => a.assertion)).toEqual([
      'certificate is valid now',
      'certificate valid for at least 14 days',
      'certificate trusted or self-signed',
      'certificate covers 127.0.0.1',
    ]);
    expect(result.details).toMatchObject({
      subject: 'localhost',
      issuer: 'localhost',
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      altNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
      fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
    expect((result.details as { daysRemaining: number }).daysRemaining).toBeCloseTo(90, 0);
    expect(result.phases).toMatchObject({ connect: expect.any(Number), tls: expect.any(Number) });
  });

  it('fails a self-signed certificate as untrusted unless allowed', async () => {
    const result = await runner.run(spec(), context(await serve()));
    expect(result).toMatchObject({ ok: false, error: 'certificate not trusted: DEPTH_ZERO_SELF_SIGNED_CERT (set allowSelfSigned to accept it)' });
  });

  it('fails a certificate that expires too soon, saying when', async () => {
    const notAfter = new Date(Date.now() + 5 * day);
    const result = await runner.run(spec({ allowSelfSigned: true }), context(await serve({ notAfter })));
    expect(result.ok).toBe(false);
    // Certificates carry whole seconds.
    const validTo = new Date(Math.floor(notAfter.getTime() / 1000) * 1000).toISOString();
    expect(result.error).toBe(`certificate expires in 5.0 days (at ${validTo}), expected at least 14`);
    expect(result.details).toMatchObject({ daysRemaining: 5 });
  });

  it('fails an expired certificate once, not twice', async () => {
    const result = await runner.run(
      spec({ allowSelfSigned: true }),
      context(await serve({ notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - 3 * day) })),
    );
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^certificate expired 3\.0 days ago \(at \d{4}-.*Z\)$/);
    expect(result.details).toMatchObject({ authorizationError: 'CERT_HAS_EXPIRED' });
  });

  it('fails a certificate for another name', async () => {
    const result = await runner.run(spec({ allowSelfSigned: true, servername: 'shop.example.com' }), context(await serve()));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^hostname mismatch: Host: shop\.example\.com\. is not in the cert's altnames/);
  });

  it('reports a refused port', async () => {
    const port = await unusedPort();
    const result = await runner.run(spec({ port }), context('https://127.0.0.1'));
    expect(result).toMatchObject({ ok: false, error: `connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('stops at its deadline', async () => {
    const expired = AbortSignal.abort(new DOMException('deadline', 'TimeoutError'));
    const result = await runner.run(spec(), context(await serve(), { timeoutMs: 250, signal: expired }));
    expect(result.error).toMatch(/^timed out after 250ms \(connecting to 127\.0\.0\.1:\d+\)$/);
  });
});
