import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context } from '../test-servers';
import { dnsSchema } from './definition';
import { runner } from './runner';
import { startDnsServer } from '../../demo-shop/dns-server';

const spec = (fields: Record<string, unknown>) => dnsSchema.parse({ kind: 'dns', ...fields });

describe('dns check', () => {
  let server: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    server = await startDnsServer({
      'shop.test': { A: ['203.0.113.10', '203.0.113.11'], TXT: [['v=spf1 ', 'include:mail.test -all'], 'google-site-verification=abc'], MX: [[20, 'mx2.shop.test'], [10, 'mx1.shop.test']] },
      'empty.test': {},
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const run = (fields: Record<string, unknown>, baseUrl = 'https://shop.test', timeoutMs = 2_000) =>
    runner.run(spec({ resolver: server.address, ...fields }), context(baseUrl, { timeoutMs }));

  it('resolves the deployment host and checks the answers', async () => {
    const result = await run({ expect: { includes: ['203.0.113.10'] }, assertions: [{ responseTime: { lessThan: 1000 } }] });
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.details).toMatchObject({ hostname: 'shop.test', recordType: 'A', answers: ['203.0.113.10', '203.0.113.11'] });
    expect(result.phases?.dns).toBeGreaterThanOrEqual(0);
  });

  it('compares exact answers in any order, ignoring case and trailing dots', async () => {
    expect((await run({ expect: { equals: ['203.0.113.11', '203.0.113.10'] } })).ok).toBe(true);
    const mx = await run({ recordType: 'MX', expect: { equals: ['10 MX1.shop.test.', '20 mx2.shop.test'] } });
    expect(mx.details).toMatchObject({ answers: ['10 mx1.shop.test', '20 mx2.shop.test'] });
    expect(mx.ok).toBe(true);
  });

  it('joins the strings of a TXT record', async () => {
    const result = await run({ recordType: 'TXT', hostname: 'shop.test', expect: { includes: ['v=spf1 include:mail.test -all'] } }, 'http://127.0.0.1');
    expect(result.error).toBeUndefined();
  });

  it('fails when an expected answer is missing or the set differs', async () => {
    const missing = await run({ expect: { includes: ['198.51.100.1'] } });
    expect(missing).toMatchObject({ ok: false, error: 'A records for shop.test are [203.0.113.10, 203.0.113.11], expected them to include 198.51.100.1' });
    const different = await run({ expect: { equals: ['203.0.113.10'] } });
    expect(different.error).toBe('A records for shop.test are [203.0.113.10, 203.0.113.11], expected exactly [203.0.113.10]');
  });

  it('fails a name that does not exist', async () => {
    const result = await run({ hostname: 'gone.test' });
    expect(result).toMatchObject({ ok: false, error: `gone.test does not exist (NXDOMAIN from ${server.address})` });
  });

  it('fails a name without records of the type, unless emptiness is allowed', async () => {
    expect((await run({ hostname: 'empty.test' })).error).toBe('no A records for empty.test');
    expect((await run({ hostname: 'empty.test', expect: { notEmpty: false } })).ok).toBe(true);
  });

  it('times out when the resolver never answers', async () => {
    const silent = await startDnsServer({}, { silent: true });
    try {
      const begun = performance.now();
      const result = await run({ resolver: silent.address }, 'https://shop.test', 300);
      expect(result.ok).toBe(false);
      expect(result.error).toBe(`timed out after 300ms (waiting for ${silent.address})`);
      expect(performance.now() - begun).toBeLessThan(1500);
    } finally {
      await silent.close();
    }
  });

  it('refuses to check DNS for an IP address', async () => {
    const result = await run({}, 'http://127.0.0.1:4101');
    expect(result.error).toBe('127.0.0.1 is an IP address, not a name: set hostname to check DNS');
  });

  it('rejects a resolver that is not an IP address when the config is parsed', () => {
    expect(dnsSchema.safeParse({ kind: 'dns', resolver: 'dns.google' }).success).toBe(false);
    expect(dnsSchema.safeParse({ kind: 'dns', resolver: '[::1]:53' }).success).toBe(true);
  });
});
