import { describe, expect, it } from 'vitest';
import { itClassifiesHttpFailures, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { signWebhookBody, verifyWebhookSignature, webhookChannel } from './channel';

const secret = 'whsec_s3cretSigningKey42';

describe('webhook channel', () => {
  const receiver = useReceiver();

  it('posts the documented body, signed over timestamp and raw body', async () => {
    const config = webhookChannel.schema.parse({ kind: 'webhook', url: `${receiver().url}/hooks/vigil`, secret, headers: { Authorization: 'Bearer abc' } });
    const before = Math.floor(Date.now() / 1000);
    await webhookChannel.send(sampleMessage(), config, testContext());
    const request = receiver().requests.at(-1);
    expect(request?.path).toBe('/hooks/vigil');
    expect(request?.headers).toMatchObject({ authorization: 'Bearer abc', 'content-type': 'application/json; charset=utf-8', 'x-vigil-event': 'incident.opened' });
    const timestamp = Number(request?.headers['x-vigil-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(request?.headers['x-vigil-signature']).toBe(signWebhookBody(request?.raw ?? '', timestamp, secret));
    expect(verifyWebhookSignature(request?.raw ?? '', timestamp, String(request?.headers['x-vigil-signature']), secret)).toBe(true);
    expect(request?.body).toEqual({
      version: 1,
      event: 'incident.opened',
      severity: 'critical',
      title: 'production is down: home page, product page',
      text: sampleMessage().text,
      site: 'Acme Shop',
      incident: {
        id: 'inc_01JV3K',
        status: 'open',
        deployment: 'production',
        openedAt: '2025-05-12T14:02:00.000Z',
        url: 'https://vigil.example.com/incidents/inc_01JV3K',
        runbookUrl: 'https://wiki.example.com/runbooks/storefront-down',
      },
      affected: [
        { checkId: 'home', pageType: 'home page', deployment: 'production', location: 'eu-west', since: '2025-05-12T14:01:00.000Z', lastError: 'HTTP 503 <title>Service Unavailable</title> & "retry"' },
        { checkId: 'product', pageType: 'product page', deployment: 'production', location: 'eu-west', since: '2025-05-12T14:01:30.000Z' },
      ],
      dedupKey: 'vigil:production:inc_01JV3K',
      at: '2025-05-12T14:14:00.000Z',
    });
  });

  it('sends no signature headers without a secret, and resolvedAt once resolved', async () => {
    const resolvedAt = sampleMessage().at;
    await webhookChannel.send(sampleMessage({ event: 'incident.resolved', incident: { status: 'resolved', resolvedAt } }), { kind: 'webhook', url: receiver().url }, testContext());
    const request = receiver().requests.at(-1);
    expect(request?.headers['x-vigil-signature']).toBeUndefined();
    expect(request?.headers['x-vigil-timestamp']).toBeUndefined();
    expect(request?.body).toMatchObject({ event: 'incident.resolved', incident: { status: 'resolved', resolvedAt: '2025-05-12T14:14:00.000Z' } });
  });

  it('refuses to let configured headers replace its own', () => {
    expect(webhookChannel.schema.safeParse({ kind: 'webhook', url: 'https://x.example.com', headers: { 'X-Vigil-Signature': 'x' } }).success).toBe(false);
    expect(webhookChannel.schema.safeParse({ kind: 'webhook', url: 'https://x.example.com', secret: 'short' }).success).toBe(false);
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await webhookChannel.send(sampleMessage(), { kind: 'webhook', url: baseUrl, secret }, testContext());
  }, secret);
});

describe('verifyWebhookSignature', () => {
  const body = '{"version":1,"event":"incident.opened"}';
  const now = 1_747_058_400;
  const signature = signWebhookBody(body, now, secret);

  it('accepts a good signature within the tolerance', () => {
    expect(verifyWebhookSignature(body, now, signature, secret, 300, now)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(body), String(now), signature, secret, 300, now + 299)).toBe(true);
  });

  it.each([
    ['a tampered body', `${body} `, now, signature, secret],
    ['a tampered timestamp', body, now + 1, signature, secret],
    ['another secret', body, now, signature, 'another-secret-of-16'],
    ['a truncated signature', body, now, signature.slice(0, -2), secret],
    ['no signature', body, now, undefined, secret],
    ['no timestamp', body, undefined, signature, secret],
  ])('rejects %s', (_, b, timestamp, sig, key) => {
    expect(verifyWebhookSignature(b, timestamp, sig, key, 300, now)).toBe(false);
  });

  it('rejects a stale or future timestamp even when correctly signed', () => {
    expect(verifyWebhookSignature(body, now, signature, secret, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(body, now, signature, secret, 300, now - 301)).toBe(false);
  });
});
