import type { AlertMessage, ChannelType } from '../../types';
import { alertFacts, alertLinks, lastError, styleOf } from '../shared/format';
import { postJson } from '../shared/http';
import { truncate } from '../shared/text';
import { slackSchema, type SlackConfig } from './schema';

export const slackChannel = {
  kind: 'slack',
  schema: slackSchema,
  async send(message, config, ctx) {
    await postJson(config.webhookUrl, slackPayload(message, config), { service: 'Slack webhook', ctx });
  },
} satisfies ChannelType<'slack', SlackConfig>;

type Block = Record<string, unknown>;

/** A Block Kit message; `text` is what notifications and clients without blocks show. */
export function slackPayload(message: AlertMessage, config: SlackConfig): Record<string, unknown> {
  const { emoji } = styleOf(message);
  const headline = `${emoji} ${message.title}`;
  const blocks: Block[] = [
    // Slack rejects (400 invalid_blocks) a header over 150 characters or a field over 2000.
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
    {
      type: 'section',
      fields: alertFacts(message).map((fact) => ({ type: 'mrkdwn', text: truncate(`*${fact.label}*\n${escapeMrkdwn(fact.value)}`, 2000) })),
    },
  ];
  const error = lastError(message);
  if (error) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Last error*\n${codeBlock(error)}` } });
  const incident = message.incident.url ? `<${message.incident.url}|Incident ${escapeMrkdwn(message.incident.id)}>` : `Incident ${escapeMrkdwn(message.incident.id)}`;
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${incident} · ${escapeMrkdwn(message.site)}` }] });
  const links = alertLinks(message);
  if (links.length > 0) {
    blocks.push({
      type: 'actions',
      elements: links.map((link, index) => ({
        type: 'button',
        text: { type: 'plain_text', text: link.label },
        url: link.url,
        ...(index === 0 ? { style: 'primary' } : {}),
      })),
    });
  }
  return {
    ...(config.channel ? { channel: config.channel } : {}),
    ...(config.username ? { username: config.username } : {}),
    text: headline,
    blocks,
  };
}

/** Slack mrkdwn treats only these three as markup; anything else shows as typed. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fence inside the error would end the code block early, so it is broken up. */
function codeBlock(text: string): string {
  return `\`\`\`${truncate(escapeMrkdwn(text).replace(/```/g, "'''"), 2800)}\`\`\``;
}
