import { describe, expect, it } from 'vitest';
import { deliveryError, itClassifiesHttpFailures, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { telegramChannel } from './channel';

const botToken = '123456789:AAHs3cretBotToken';

describe('telegram channel', () => {
  const receiver = useReceiver();
  const config = () => telegramChannel.schema.parse({ kind: 'telegram', botToken, chatId: -1001234567890, apiUrl: receiver().url });

  it('sends an HTML message with everything quoted escaped', async () => {
    receiver().reply({ status: 200, body: { ok: true, result: { message_id: 1 } } });
    await telegramChannel.send(sampleMessage(), config(), testContext());
    const request = receiver().requests.at(-1);
    expect(request?.path).toBe(`/bot${botToken}/sendMessage`);
    expect(request?.body).toEqual({
      chat_id: -1001234567890,
      parse_mode: 'HTML',
      disable_web_page_preview: true,
      text: [
        '<b>🔴 production is down: home page, product page</b>',
        'Acme Shop · incident inc_01JV3K',
        '',
        '<b>Deployment:</b> production',
        '<b>Page types:</b> home page, product page',
        '<b>Locations:</b> eu-west',
        '<b>Since:</b> 2025-05-12 14:01 UTC (13 min ago)',
        '<b>Status:</b> Open',
        '',
        '<b>Last error</b>',
        '<pre>HTTP 503 &lt;title&gt;Service Unavailable&lt;/title&gt; &amp; &quot;retry&quot;</pre>',
        '',
        '<a href="https://vigil.example.com/incidents/inc_01JV3K">View incident</a> · <a href="https://wiki.example.com/runbooks/storefront-down">Runbook</a>',
      ].join('\n'),
    });
  });

  it('stays within 4096 characters and posts to a forum topic', async () => {
    const message = sampleMessage({ affected: [{ checkId: 'c', deployment: 'production', location: 'eu', since: 0, lastError: '<'.repeat(10_000) }] });
    await telegramChannel.send(message, { ...config(), chatId: '@acme_alerts', messageThreadId: 42 }, testContext());
    const body = receiver().requests.at(-1)?.body as { text: string; chat_id: string; message_thread_id: number };
    expect(body).toMatchObject({ chat_id: '@acme_alerts', message_thread_id: 42 });
    const visible = body.text.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<');
    expect(visible.length).toBeLessThanOrEqual(4096);
    expect(visible.length).toBeGreaterThan(3900);
  });

  it("takes the back-off from Telegram's body and quotes its description", async () => {
    receiver().reply({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } } });
    const error = await deliveryError(telegramChannel.send(sampleMessage(), config(), testContext()));
    expect(error.options).toEqual({ permanent: false, status: 429, retryAfterMs: 5_000 });
    receiver().reply({ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
    const blocked = await deliveryError(telegramChannel.send(sampleMessage(), config(), testContext()));
    expect(blocked.permanent).toBe(true);
    expect(blocked.message).toContain('Forbidden: bot was blocked by the user');
  });

  it('rejects a malformed token at config time', () => {
    expect(telegramChannel.schema.safeParse({ kind: 'telegram', botToken: 'nope', chatId: 1 }).success).toBe(false);
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await telegramChannel.send(sampleMessage(), { ...config(), apiUrl: baseUrl }, testContext());
  }, 's3cretBotToken');
});
