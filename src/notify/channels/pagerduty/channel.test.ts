import { describe, expect, it } from 'vitest';
import { itClassifiesHttpFailures, sampleFacts, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { pagerdutyChannel } from './channel';

const routingKey = 'R0123456789ABCDEF0123456789ABCDE';

describe('pagerduty channel', () => {
  const receiver = useReceiver();
  const config = () => pagerdutyChannel.schema.parse({ kind: 'pagerduty', routingKey, apiUrl: `${receiver().url}/v2/enqueue` });
  const accepted = { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'vigil:production:inc_01JV3K' } };

  it('defaults to the real endpoint', () => {
    expect(pagerdutyChannel.schema.parse({ kind: 'pagerduty', routingKey }).apiUrl).toBe('https://events.pagerduty.com/v2/enqueue');
  });

  it('triggers with a dedup key, payload and links', async () => {
    receiver().reply(accepted);
    await pagerdutyChannel.send(sampleMessage(), config(), testContext());
    const request = receiver().requests.at(-1);
    expect(request?.path).toBe('/v2/enqueue');
    expect(request?.body).toEqual({
      routing_key: routingKey,
      dedup_key: 'vigil:production:inc_01JV3K',
      event_action: 'trigger',
      payload: {
        summary: 'production is down: home page, product page',
        source: 'Acme Shop',
        severity: 'critical',
        timestamp: '2025-05-12T14:14:00.000Z',
        component: 'home page, product page',
        group: 'production',
        class: 'outage',
        custom_details: {
          ...Object.fromEntries(sampleFacts),
          'Last error': 'HTTP 503 <title>Service Unavailable</title> & "retry"',
          incident: 'inc_01JV3K',
          event: 'incident.opened',
          details: sampleMessage().text,
        },
      },
      client: 'Vigil',
      client_url: 'https://vigil.example.com/incidents/inc_01JV3K',
      links: [
        { href: 'https://vigil.example.com/incidents/inc_01JV3K', text: 'View incident' },
        { href: 'https://wiki.example.com/runbooks/storefront-down', text: 'Runbook' },
      ],
    });
  });

  it.each([
    ['incident.acknowledged', 'acknowledge'],
    ['incident.resolved', 'resolve'],
  ] as const)('%s → %s with just the key', async (event, action) => {
    receiver().reply(accepted);
    await pagerdutyChannel.send(sampleMessage({ event }), config(), testContext());
    expect(receiver().requests.at(-1)?.body).toEqual({ routing_key: routingKey, dedup_key: 'vigil:production:inc_01JV3K', event_action: action });
  });

  it('reminders and escalations re-trigger the same alert; warnings stay warnings', async () => {
    await pagerdutyChannel.send(sampleMessage({ event: 'incident.escalated', severity: 'warning', title: 'x'.repeat(2000) }), config(), testContext());
    const body = receiver().requests.at(-1)?.body as { event_action: string; payload: { severity: string; summary: string; class: string } };
    expect(body.event_action).toBe('trigger');
    expect(body.payload).toMatchObject({ severity: 'warning', class: 'degradation' });
    expect(body.payload.summary).toHaveLength(1024);
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await pagerdutyChannel.send(sampleMessage(), { kind: 'pagerduty', routingKey, apiUrl: `${baseUrl}/v2/enqueue` }, testContext());
  }, routingKey);
});
