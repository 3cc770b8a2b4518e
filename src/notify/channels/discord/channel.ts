import type { AlertMessage, ChannelType } from '../../types';
import { alertFacts, alertLinks, lastError, styleOf, toneColours } from '../shared/format';
import { postJson } from '../shared/http';
import { truncate } from '../shared/text';
import { discordSchema, type DiscordConfig } from './schema';

export const discordChannel = {
  kind: 'discord',
  schema: discordSchema,
  async send(message, config, ctx) {
    await postJson(config.webhookUrl, discordPayload(message, config), { service: 'Discord webhook', ctx });
  },
} satisfies ChannelType<'discord', DiscordConfig>;

/** Discord answers 400 to the whole message when any of these is exceeded, so every piece is cut to fit. */
const limits = { content: 2000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024 } as const;

type EmbedField = { name: string; value: string; inline: boolean };

export function discordPayload(message: AlertMessage, config: DiscordConfig): Record<string, unknown> {
  const { emoji, tone } = styleOf(message);
  const fields: EmbedField[] = alertFacts(message).map((fact) => ({ name: fact.label, value: fact.value, inline: true }));
  const error = lastError(message);
  // A backtick fence inside the error would close the code block early.
  if (error) fields.push({ name: 'Last error', value: `\`\`\`\n${truncate(error.replace(/```/g, "'''"), limits.fieldValue - 8)}\n\`\`\``, inline: false });
  const links = alertLinks(message);
  if (links.length > 0) fields.push({ name: 'Links', value: links.map((link) => `[${link.label}](${link.url})`).join(' · '), inline: false });
  return {
    ...(config.username ? { username: config.username } : {}),
    content: truncate(`${emoji} ${message.title}`, limits.content),
    // An error message quoting "@everyone" must not ping the whole server.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: truncate(message.title, limits.title),
        description: truncate(message.text, limits.description),
        color: toneColours[tone],
        fields: fields.slice(0, limits.fields).map((field) => ({
          name: truncate(field.name, limits.fieldName),
          value: truncate(field.value, limits.fieldValue),
          inline: field.inline,
        })),
        timestamp: new Date(message.at).toISOString(),
        ...(message.incident.url ? { url: message.incident.url } : {}),
        footer: { text: `${message.site} · incident ${message.incident.id}` },
      },
    ],
  };
}
