import { describe, expect, it } from 'vitest';
import { channelConfigSchema, channelKinds, channelSchemas, channelTypes, sendToChannel } from './index';
import { sampleMessage, testContext, useReceiver } from './shared/test-receiver';

describe('channel registry', () => {
  const receiver = useReceiver();

  it('registers every kind under its own name', () => {
    expect(Object.keys(channelTypes).sort()).toEqual([...channelKinds].sort());
    for (const kind of channelKinds) {
      expect(channelTypes[kind].kind).toBe(kind);
      expect(channelTypes[kind].schema).toBe(channelSchemas[kind]);
    }
  });

  it('parses any kind through the union and rejects unknown fields', () => {
    expect(channelConfigSchema.parse({ kind: 'pagerduty', routingKey: 'k' })).toEqual({ kind: 'pagerduty', routingKey: 'k', apiUrl: 'https://events.pagerduty.com/v2/enqueue' });
    const result = channelConfigSchema.safeParse({ kind: 'slack', webhookUrl: 'https://hooks.slack.com/x', colour: 'red' });
    expect(result.success).toBe(false);
    expect(channelConfigSchema.safeParse({ kind: 'fax' }).success).toBe(false);
  });

  it('sends through the channel of the config kind', async () => {
    await sendToChannel(sampleMessage(), { kind: 'webhook', url: `${receiver().url}/via-registry` }, testContext());
    expect(receiver().requests.at(-1)).toMatchObject({ path: '/via-registry', body: { version: 1, event: 'incident.opened' } });
  });
});
