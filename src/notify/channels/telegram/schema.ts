import { z } from 'zod';
import { apiUrl } from '../shared/schema-fields';

export const telegramSchema = z
  .object({
    kind: z.literal('telegram'),
    /**
     * The bot token from @BotFather. Keep it in an environment variable.
     * @example "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
     */
    botToken: z.string().regex(/^\d+:[\w-]+$/, 'expected a bot token like "123456789:AAH…" from @BotFather'),
    /**
     * The chat to post to: a numeric id (groups are negative) or `@channelusername`.
     * The bot must be a member (an admin, for channels).
     * @example -1001234567890
     * @example "@acme_alerts"
     */
    chatId: z.union([z.number().int(), z.string().regex(/^(@\w{4,}|-?\d+)$/, 'expected a numeric chat id or "@channelusername"')]),
    /**
     * The topic of a forum supergroup to post in.
     * @example 42
     */
    messageThreadId: z.number().int().positive().optional(),
    /**
     * The Bot API base URL; change it for a local Bot API server or a test receiver.
     * @example "https://api.telegram.org"
     */
    apiUrl: apiUrl('https://api.telegram.org'),
  })
  .strict();

export type TelegramConfig = z.infer<typeof telegramSchema>;
