import type { AlertMessage, ChannelType } from '../../types';
import { alertFacts, alertLinks, lastError, styleOf, type Tone } from '../shared/format';
import { postJson } from '../shared/http';
import { teamsSchema, type TeamsConfig } from './schema';

export const teamsChannel = {
  kind: 'teams',
  schema: teamsSchema,
  async send(message, config, ctx) {
    await postJson(config.webhookUrl, teamsPayload(message), { service: 'Teams workflow webhook', ctx });
  },
} satisfies ChannelType<'teams', TeamsConfig>;

const toneColours = { danger: 'Attention', warning: 'Warning', good: 'Good', info: 'Accent' } as const satisfies Record<Tone, string>;

/**
 * The envelope Teams workflows expect: a `message` with one Adaptive Card
 * attachment. Version 1.4 because that is what Teams renders everywhere,
 * mobile included.
 */
export function teamsPayload(message: AlertMessage): Record<string, unknown> {
  const { emoji, tone } = styleOf(message);
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: `${emoji} ${message.title}`, size: 'Large', weight: 'Bolder', color: toneColours[tone], wrap: true },
    { type: 'TextBlock', text: `${message.site} · incident ${message.incident.id}`, isSubtle: true, spacing: 'None', wrap: true },
    { type: 'FactSet', facts: alertFacts(message).map((fact) => ({ title: fact.label, value: fact.value })) },
  ];
  const error = lastError(message);
  if (error) {
    body.push({ type: 'TextBlock', text: 'Last error', weight: 'Bolder', wrap: true });
    body.push({ type: 'TextBlock', text: error, fontType: 'Monospace', wrap: true });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: alertLinks(message).map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url })),
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}
