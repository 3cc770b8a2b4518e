import { describe, expect, it } from 'vitest';
import { itClassifiesHttpFailures, sampleFacts, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { opsgenieChannel } from './channel';

const apiKey = 'eb243592-faa2-4ba2-a551-1afdf565c889';

describe('opsgenie channel', () => {
  const receiver = useReceiver();
  const config = () => opsgenieChannel.schema.parse({ kind: 'opsgenie', apiKey, apiUrl: `${receiver().url}/`, tags: ['storefront'] });
  const accepted = { status: 202, body: { result: 'Request will be processed', took: 0.01, requestId: '43a29c5c' } };

  it('defaults to the US endpoint and no extra tags', () => {
    expect(opsgenieChannel.schema.parse({ kind: 'opsgenie', apiKey })).toEqual({ kind: 'opsgenie', apiKey, apiUrl: 'https://api.opsgenie.com', tags: [] });
  });

  it('creates an alert keyed by the dedup key', async () => {
    receiver().reply(accepted);
    await opsgenieChannel.send(sampleMessage(), config(), testContext());
    const request = receiver().requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/v2/alerts' });
    expect(request?.headers.authorization).toBe(`GenieKey ${apiKey}`);
    expect(request?.body).toEqual({
      message: 'production is down: home page, product page',
      alias: 'vigil:production:inc_01JV3K',
      description: `${sampleMessage().text}\n\nView incident: https://vigil.example.com/incidents/inc_01JV3K\n\nRunbook: https://wiki.example.com/runbooks/storefront-down`,
      priority: 'P1',
      tags: ['vigil', 'production', 'storefront'],
      details: {
        ...Object.fromEntries(sampleFacts),
        'Last error': 'HTTP 503 <title>Service Unavailable</title> & "retry"',
        'View incident': 'https://vigil.example.com/incidents/inc_01JV3K',
        Runbook: 'https://wiki.example.com/runbooks/storefront-down',
        Incident: 'inc_01JV3K',
      },
      entity: 'Acme Shop',
      source: 'Vigil',
    });
  });

  it('acknowledges and closes by alias', async () => {
    const acknowledged = sampleMessage({ event: 'incident.acknowledged', title: 'ana acknowledged', incident: { status: 'acknowledged', acknowledgedBy: 'ana' } });
    await opsgenieChannel.send(acknowledged, config(), testContext());
    expect(receiver().requests.at(-1)).toMatchObject({
      path: '/v2/alerts/vigil%3Aproduction%3Ainc_01JV3K/acknowledge?identifierType=alias',
      body: { source: 'Vigil', user: 'ana', note: 'ana acknowledged' },
    });
    await opsgenieChannel.send(sampleMessage({ event: 'incident.resolved', title: 'production recovered' }), config(), testContext());
    expect(receiver().requests.at(-1)).toMatchObject({
      path: '/v2/alerts/vigil%3Aproduction%3Ainc_01JV3K/close?identifierType=alias',
      body: { source: 'Vigil', note: 'production recovered' },
    });
  });

  it('maps severity to priority and cuts the message to 130 characters', async () => {
    await opsgenieChannel.send(sampleMessage({ severity: 'warning', title: 'y'.repeat(300) }), config(), testContext());
    const body = receiver().requests.at(-1)?.body as { priority: string; message: string };
    expect(body.priority).toBe('P3');
    expect(body.message).toHaveLength(130);
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await opsgenieChannel.send(sampleMessage(), { kind: 'opsgenie', apiKey, apiUrl: baseUrl, tags: [] }, testContext());
  }, apiKey);
});
