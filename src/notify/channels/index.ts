import type { AlertMessage, ChannelContext, ChannelType } from '../types';
import { discordChannel } from './discord/channel';
import { emailChannel } from './email/channel';
import { opsgenieChannel } from './opsgenie/channel';
import { pagerdutyChannel } from './pagerduty/channel';
import type { ChannelConfig, ChannelConfigOf, ChannelKind } from './schemas';
import { slackChannel } from './slack/channel';
import { teamsChannel } from './teams/channel';
import { telegramChannel } from './telegram/channel';
import { webhookChannel } from './webhook/channel';

export { channelConfigSchema, channelKinds, channelSchemas } from './schemas';
export type { ChannelConfig, ChannelConfigOf, ChannelKind } from './schemas';
export { signWebhookBody, verifyWebhookSignature } from './webhook/signature';

/** Every channel kind and how it sends; `satisfies` over all kinds, so a new kind cannot be forgotten here. */
export const channelTypes = {
  slack: slackChannel,
  teams: teamsChannel,
  discord: discordChannel,
  email: emailChannel,
  pagerduty: pagerdutyChannel,
  opsgenie: opsgenieChannel,
  telegram: telegramChannel,
  webhook: webhookChannel,
} satisfies { [K in ChannelKind]: ChannelType<K, ChannelConfigOf<K> & { kind: K }> };

/**
 * Sends through the channel type of `config.kind`. TypeScript cannot relate
 * `channelTypes[config.kind]` to `config` across the union, hence the one
 * widening cast; `channelTypes` above is what checks each pair.
 */
export async function sendToChannel(message: AlertMessage, config: ChannelConfig, ctx: ChannelContext): Promise<void> {
  const channel = channelTypes[config.kind] as ChannelType<ChannelKind, ChannelConfig>;
  await channel.send(message, config, ctx);
}
