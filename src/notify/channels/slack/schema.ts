import { z } from 'zod';
import { httpUrl } from '../shared/schema-fields';

export const slackSchema = z
  .object({
    kind: z.literal('slack'),
    /**
     * The incoming webhook URL of your Slack app (Features → Incoming Webhooks).
     * Anyone holding it can post to the channel: keep it in an environment variable.
     * @example "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX"
     */
    webhookUrl: httpUrl,
    /**
     * Posts to another channel than the webhook's own. Only legacy webhooks honour it;
     * app webhooks always post where they were installed.
     * @example "#storefront-alerts"
     */
    channel: z.string().min(1).optional(),
    /**
     * The sender name shown (legacy webhooks only).
     * @example "Vigil"
     */
    username: z.string().min(1).optional(),
  })
  .strict();

export type SlackConfig = z.infer<typeof slackSchema>;
