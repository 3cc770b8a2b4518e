import { z } from 'zod';
import { httpUrl } from '../shared/schema-fields';

export const discordSchema = z
  .object({
    kind: z.literal('discord'),
    /**
     * The channel's webhook URL (Server Settings → Integrations → Webhooks → Copy Webhook URL).
     * Its last segment is the token: keep it in an environment variable.
     * @example "https://discord.com/api/webhooks/123456789012345678/XXXXXXXXXXXXXXXX"
     */
    webhookUrl: httpUrl,
    /**
     * Overrides the webhook's display name.
     * @example "Vigil"
     */
    username: z.string().min(1).max(80).optional(),
  })
  .strict();

export type DiscordConfig = z.infer<typeof discordSchema>;
