import { describe, expect, it } from 'vitest';
import { itClassifiesHttpFailures, sampleFacts, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { slackChannel } from './channel';

const secretPath = '/services/T0001/B0001/s3cretWebhookToken';

describe('slack channel', () => {
  const receiver = useReceiver();

  it('posts a Block Kit message to the webhook', async () => {
    const config = slackChannel.schema.parse({ kind: 'slack', webhookUrl: `${receiver().url}${secretPath}`, channel: '#alerts', username: 'Vigil' });
    await slackChannel.send(sampleMessage(), config, testContext());
    const [request] = receiver().requests;
    expect(request?.path).toBe(secretPath);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.body).toEqual({
      channel: '#alerts',
      username: 'Vigil',
      text: '🔴 production is down: home page, product page',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '🔴 production is down: home page, product page', emoji: true } },
        {
          type: 'section',
          fields: sampleFacts.map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` })),
        },
        { type: 'section', text: { type: 'mrkdwn', text: '*Last error*\n```HTTP 503 &lt;title&gt;Service Unavailable&lt;/title&gt; &amp; "retry"```' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://vigil.example.com/incidents/inc_01JV3K|Incident inc_01JV3K> · Acme Shop' }] },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'View incident' }, url: 'https://vigil.example.com/incidents/inc_01JV3K', style: 'primary' },
            { type: 'button', text: { type: 'plain_text', text: 'Runbook' }, url: 'https://wiki.example.com/runbooks/storefront-down' },
          ],
        },
      ],
    });
  });

  it('leaves out the actions and the error block when there is nothing to show', async () => {
    const config = slackChannel.schema.parse({ kind: 'slack', webhookUrl: receiver().url });
    const message = sampleMessage({ event: 'incident.resolved', incident: { url: undefined, runbookUrl: undefined }, affected: [] });
    await slackChannel.send(message, config, testContext());
    const body = receiver().requests.at(-1)?.body as { blocks: { type: string }[]; channel?: string };
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(body.channel).toBeUndefined();
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await slackChannel.send(sampleMessage(), { kind: 'slack', webhookUrl: `${baseUrl}${secretPath}` }, testContext());
  }, 's3cretWebhookToken');
});
