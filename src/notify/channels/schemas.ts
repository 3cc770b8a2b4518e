import { z } from 'zod';
import { discordSchema } from './discord/schema';
import { emailSchema } from './email/schema';
import { opsgenieSchema } from './opsgenie/schema';
import { pagerdutySchema } from './pagerduty/schema';
import { slackSchema } from './slack/schema';
import { teamsSchema } from './teams/schema';
import { telegramSchema } from './telegram/schema';
import { webhookSchema } from './webhook/schema';

/**
 * The channel config schemas alone: pure zod, no undici or nodemailer, so the
 * config loader, CLI and dashboard can validate channels without loading the senders.
 */

export const channelKinds = ['slack', 'teams', 'discord', 'email', 'pagerduty', 'opsgenie', 'telegram', 'webhook'] as const;

export type ChannelKind = (typeof channelKinds)[number];

export const channelSchemas = {
  slack: slackSchema,
  teams: teamsSchema,
  discord: discordSchema,
  email: emailSchema,
  pagerduty: pagerdutySchema,
  opsgenie: opsgenieSchema,
  telegram: telegramSchema,
  webhook: webhookSchema,
} as const satisfies { [K in ChannelKind]: z.ZodType<{ kind: K }> };

/** The parsed config of one kind, defaults filled in. */
export type ChannelConfigOf<K extends ChannelKind> = z.output<(typeof channelSchemas)[K]>;

export type ChannelConfig = { [K in ChannelKind]: ChannelConfigOf<K> }[ChannelKind];

/**
 * Any channel config, told apart by `kind`. The pipeline adds `name`, routes
 * and the like around it, e.g. `channelSchemas.slack.extend({ name: … })`.
 */
export const channelConfigSchema = z.discriminatedUnion('kind', [
  slackSchema,
  teamsSchema,
  discordSchema,
  emailSchema,
  pagerdutySchema,
  opsgenieSchema,
  telegramSchema,
  webhookSchema,
]);
