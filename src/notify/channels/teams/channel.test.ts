import { describe, expect, it } from 'vitest';
import { itClassifiesHttpFailures, sampleFacts, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { teamsChannel } from './channel';

const secretPath = '/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cretSignature';

describe('teams channel', () => {
  const receiver = useReceiver();

  it('posts an Adaptive Card message to the workflow', async () => {
    receiver().reply({ status: 202, body: '' });
    const config = teamsChannel.schema.parse({ kind: 'teams', webhookUrl: `${receiver().url}${secretPath}` });
    await teamsChannel.send(sampleMessage(), config, testContext());
    const [request] = receiver().requests;
    expect(request?.path).toBe(secretPath);
    expect(request?.body).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: '🔴 production is down: home page, product page', size: 'Large', weight: 'Bolder', color: 'Attention', wrap: true },
              { type: 'TextBlock', text: 'Acme Shop · incident inc_01JV3K', isSubtle: true, spacing: 'None', wrap: true },
              { type: 'FactSet', facts: sampleFacts.map(([title, value]) => ({ title, value })) },
              { type: 'TextBlock', text: 'Last error', weight: 'Bolder', wrap: true },
              { type: 'TextBlock', text: 'HTTP 503 <title>Service Unavailable</title> & "retry"', fontType: 'Monospace', wrap: true },
            ],
            actions: [
              { type: 'Action.OpenUrl', title: 'View incident', url: 'https://vigil.example.com/incidents/inc_01JV3K' },
              { type: 'Action.OpenUrl', title: 'Runbook', url: 'https://wiki.example.com/runbooks/storefront-down' },
            ],
            msteams: { width: 'Full' },
          },
        },
      ],
    });
  });

  it('colours a resolved incident green', async () => {
    await teamsChannel.send(sampleMessage({ event: 'incident.resolved', title: 'production recovered', incident: { status: 'resolved' } }), { kind: 'teams', webhookUrl: receiver().url }, testContext());
    expect(JSON.stringify(receiver().requests.at(-1)?.body)).toContain('"text":"✅ production recovered","size":"Large","weight":"Bolder","color":"Good"');
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await teamsChannel.send(sampleMessage(), { kind: 'teams', webhookUrl: `${baseUrl}${secretPath}` }, testContext());
  }, 's3cretSignature');
});
