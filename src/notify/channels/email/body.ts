import type { AlertMessage } from '../../types';
import { alertFacts, alertLinks, lastError, pageTypes, styleOf, toneColours } from '../shared/format';
import { escapeHtml } from '../shared/text';

/** `[Vigil] DOWN production: home page, product page`: the event word first, so an inbox list reads at a glance. */
export function emailSubject(message: AlertMessage, prefix: string): string {
  const pages = pageTypes(message);
  return [prefix, styleOf(message).word, `${message.incident.deployment}${pages ? `: ${pages}` : ''}`].filter(Boolean).join(' ');
}

export function emailText(message: AlertMessage): string {
  const { emoji } = styleOf(message);
  const error = lastError(message);
  return [
    `${emoji} ${message.title}`,
    `${message.site} · incident ${message.incident.id}`,
    '',
    message.text,
    '',
    ...alertFacts(message).map((fact) => `${fact.label}: ${fact.value}`),
    ...(error ? ['', 'Last error:', ...error.split('\n').map((line) => `    ${line}`)] : []),
    ...alertLinks(message).flatMap((link, index) => [...(index === 0 ? [''] : []), `${link.label}: ${link.url}`]),
    '',
  ].join('\n');
}

/**
 * Inline styles and tables only: mail clients strip <style> blocks and most
 * CSS. Every value is escaped, because error messages quote the failing page's HTML.
 */
export function emailHtml(message: AlertMessage): string {
  const { emoji, tone } = styleOf(message);
  const colour = `#${toneColours[tone].toString(16).padStart(6, '0')}`;
  const error = lastError(message);
  const rows = alertFacts(message)
    .map((fact) => `<tr><th align="left" style="padding:2px 16px 2px 0;color:#555">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`)
    .join('');
  const links = alertLinks(message)
    .map((link) => `<a href="${escapeHtml(link.url)}" style="color:${colour}">${escapeHtml(link.label)}</a>`)
    .join(' · ');
  return [
    '<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222">',
    `<h2 style="margin:0 0 4px;color:${colour}">${escapeHtml(`${emoji} ${message.title}`)}</h2>`,
    `<p style="margin:0 0 12px;color:#777">${escapeHtml(`${message.site} · incident ${message.incident.id}`)}</p>`,
    `<p style="white-space:pre-wrap">${escapeHtml(message.text)}</p>`,
    `<table cellpadding="0" cellspacing="0">${rows}</table>`,
    error ? `<h3 style="margin:16px 0 4px">Last error</h3><pre style="background:#f4f4f4;padding:8px;white-space:pre-wrap">${escapeHtml(error)}</pre>` : '',
    links ? `<p style="margin-top:16px">${links}</p>` : '',
    '</body></html>',
  ].join('\n');
}
