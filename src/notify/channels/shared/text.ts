/** Text helpers shared by the channels: every service has length limits and its own escaping. */

/**
 * Cuts `text` to at most `max` characters, ending with an ellipsis so a reader
 * sees it was cut. Never splits a surrogate pair: a half emoji makes some
 * services (Discord, Telegram) reject the whole payload.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML bodies (e-mail, Telegram): an error message quoting a page's `<title>` must show, not render. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

/**
 * One short line quoted from a service's answer for an error message. Secrets
 * are blanked because some services echo the token or key they rejected.
 */
export function excerpt(text: string, secrets: readonly string[] = [], max = 200): string {
  let line = text.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) if (secret.length >= 4) line = line.split(secret).join('***');
  return truncate(line, max);
}
