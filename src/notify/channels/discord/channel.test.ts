import { describe, expect, it } from 'vitest';
import { itClassifiesHttpFailures, sampleFacts, sampleMessage, testContext, useReceiver } from '../shared/test-receiver';
import { discordChannel } from './channel';

const secretPath = '/api/webhooks/123456789012345678/s3cretDiscordToken';

type Embed = { title: string; description: string; color: number; fields: { name: string; value: string }[] };

describe('discord channel', () => {
  const receiver = useReceiver();

  it('posts an embed to the webhook', async () => {
    receiver().reply({ status: 204, body: '' });
    const config = discordChannel.schema.parse({ kind: 'discord', webhookUrl: `${receiver().url}${secretPath}`, username: 'Vigil' });
    await discordChannel.send(sampleMessage(), config, testContext());
    const [request] = receiver().requests;
    expect(request?.path).toBe(secretPath);
    expect(request?.body).toEqual({
      username: 'Vigil',
      content: '🔴 production is down: home page, product page',
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: 'production is down: home page, product page',
          description: sampleMessage().text,
          color: 0xd92d20,
          fields: [
            ...sampleFacts.map(([name, value]) => ({ name, value, inline: true })),
            { name: 'Last error', value: '```\nHTTP 503 <title>Service Unavailable</title> & "retry"\n```', inline: false },
            { name: 'Links', value: '[View incident](https://vigil.example.com/incidents/inc_01JV3K) · [Runbook](https://wiki.example.com/runbooks/storefront-down)', inline: false },
          ],
          timestamp: '2025-05-12T14:14:00.000Z',
          url: 'https://vigil.example.com/incidents/inc_01JV3K',
          footer: { text: 'Acme Shop · incident inc_01JV3K' },
        },
      ],
    });
  });

  it('keeps within Discord limits and colours by event', async () => {
    const long = 'x'.repeat(5000);
    const message = sampleMessage({
      event: 'incident.acknowledged',
      title: long,
      text: long,
      affected: [{ checkId: 'c', pageType: long, deployment: 'production', location: 'eu', since: 0, lastError: long }],
    });
    await discordChannel.send(message, { kind: 'discord', webhookUrl: receiver().url }, testContext());
    const [embed] = (receiver().requests.at(-1)?.body as { embeds: Embed[] }).embeds;
    expect(embed?.title).toHaveLength(256);
    expect(embed?.description).toHaveLength(4096);
    expect(embed?.color).toBe(0xf79009);
    expect(Math.max(...(embed?.fields ?? []).map((f) => f.value.length))).toBe(1024);
    expect(embed?.fields.find((f) => f.name === 'Last error')?.value.endsWith('…\n```')).toBe(true);
  });

  itClassifiesHttpFailures(async (baseUrl) => {
    await discordChannel.send(sampleMessage(), { kind: 'discord', webhookUrl: `${baseUrl}${secretPath}` }, testContext());
  }, 's3cretDiscordToken');
});
