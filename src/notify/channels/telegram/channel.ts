import type { AlertMessage, ChannelType } from '../../types';
import { alertFacts, alertLinks, lastError, styleOf } from '../shared/format';
import { joinUrl, postJson } from '../shared/http';
import { escapeHtml, truncate } from '../shared/text';
import { telegramSchema, type TelegramConfig } from './schema';

export const telegramChannel = {
  kind: 'telegram',
  schema: telegramSchema,
  async send(message, config, ctx) {
    const body = {
      chat_id: config.chatId,
      ...(config.messageThreadId === undefined ? {} : { message_thread_id: config.messageThreadId }),
      text: telegramText(message),
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    };
    // The token is part of the path, so the URL must never reach an error message (postJson never quotes it).
    await postJson(joinUrl(config.apiUrl, `/bot${config.botToken}/sendMessage`), body, {
      service: 'Telegram Bot API',
      ctx,
      secrets: [config.botToken],
      retryAfterFromBody: telegramRetryAfter,
    });
  },
} satisfies ChannelType<'telegram', TelegramConfig>;

/** Telegram counts the limit on the text after parsing the HTML entities. */
const maxVisible = 4096;

/** A message in Telegram's HTML subset; everything quoted is escaped, since a stray `<` makes Telegram reject it (400). */
export function telegramText(message: AlertMessage): string {
  const { emoji } = styleOf(message);
  const facts = alertFacts(message).map((fact) => `<b>${escapeHtml(fact.label)}:</b> ${escapeHtml(truncate(fact.value, 300))}`);
  const links = alertLinks(message).map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`);
  const head = [`<b>${escapeHtml(truncate(`${emoji} ${message.title}`, 300))}</b>`, escapeHtml(`${message.site} · incident ${message.incident.id}`), '', ...facts];
  const tail = links.length > 0 ? ['', links.join(' · ')] : [];
  // The error is the only unbounded part, so it gets whatever room the rest leaves.
  const room = maxVisible - visibleLength([...head, ...tail].join('\n')) - 20;
  const error = lastError(message);
  const errorLines = error && room > 40 ? ['', '<b>Last error</b>', `<pre>${escapeHtml(truncate(error, room))}</pre>`] : [];
  return [...head, ...errorLines, ...tail].join('\n');
}

function visibleLength(html: string): number {
  return html.replace(/<[^>]+>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, '&').length;
}

/** A 429 from Telegram says how long to wait in `parameters.retry_after` (seconds), not in a header. */
export function telegramRetryAfter(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { parameters?: { retry_after?: unknown } };
    const seconds = parsed.parameters?.retry_after;
    return typeof seconds === 'number' ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}
