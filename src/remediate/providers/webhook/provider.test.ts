import { describe, expect, it } from 'vitest';
import { useReceiver } from '../../../notify/channels/shared/test-receiver';
import { verifyWebhookSignature } from '../../../notify/channels/webhook/signature';
import { ProviderError } from '../../types';
import { failure, providerContext, sampleRequest } from '../test-fixtures';
import { webhookProvider } from './provider';

const secret = 'failover-hook-secret-0123';

describe('webhook provider', () => {
  const receiver = useReceiver();

  it('POSTs the action as JSON, signed over timestamp and raw body', async () => {
    const settings = webhookProvider.schema.parse({ kind: 'webhook', url: `${receiver().url}/hooks/failover`, secret, headers: { Authorization: 'Bearer ops' } });
    const outcome = await webhookProvider.run(settings, sampleRequest(), providerContext());
    expect(outcome.ok).toBe(true);
    const request = receiver().requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/failover');
    expect(request.headers).toMatchObject({ authorization: 'Bearer ops', 'content-type': 'application/json; charset=utf-8', 'x-vigil-event': 'action.failover' });
    expect(verifyWebhookSignature(request.raw, String(request.headers['x-vigil-timestamp']), String(request.headers['x-vigil-signature']), secret)).toBe(true);
    expect(request.body).toEqual({
      version: 1,
      event: 'action.failover',
      title: 'failover production to backup (failover-to-backup) by policy:auto-failover',
      kind: 'failover',
      action: 'failover-to-backup',
      target: { deployment: 'production', toDeployment: 'backup' },
      incident: { id: 12 },
      reason: 'production is down: home, product',
      actor: 'policy:auto-failover',
      attemptId: 3,
      at: '2026-11-25T14:00:00.000Z',
    });
  });

  it('fails with the status and an excerpt of the answer, never the secret', async () => {
    receiver().reply({ status: 500, body: `boom ${secret}` });
    const error = await failure(webhookProvider.run({ kind: 'webhook', url: receiver().url, secret }, sampleRequest(), providerContext()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toMatch(/^Action webhook answered 500 to POST \/: boom \*\*\*$/);
    expect((error as ProviderError).details.status).toBe(500);
  });

  it('times out with a clear message', async () => {
    receiver().reply({ status: 200, delayMs: 1_000 });
    const error = await failure(webhookProvider.run({ kind: 'webhook', url: receiver().url }, sampleRequest(), providerContext(200)));
    expect(error.message).toMatch(/timed out after 200 ms/);
  });

  it('refuses headers that would replace its own', () => {
    expect(webhookProvider.schema.safeParse({ kind: 'webhook', url: 'https://x.example.com', headers: { 'X-Vigil-Signature': 'x' } }).success).toBe(false);
  });
});
