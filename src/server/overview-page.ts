import type { ServerDeps } from './app';
import type { StoredResult } from '../store/ports';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A server-rendered overview: every check × deployment with its last result
 * and 24 h uptime. No JavaScript; it refreshes itself. (The full dashboard is its own piece of work.)
 */
export async function overviewPage({ config, store }: ServerDeps): Promise<string> {
  const now = Date.now();
  const [latest, uptime] = await Promise.all([store.latestResults(), store.uptime({ from: now - 86_400_000, to: now })]);
  const cell = (checkId: string, deployment: string) => {
    const last: StoredResult | undefined = latest.find((r) => r.checkId === checkId && r.deployment === deployment);
    const day = uptime.find((u) => u.checkId === checkId && u.deployment === deployment);
    if (!last) return '<td class="pending">waiting for first run</td>';
    const ratio = day?.ratio == null ? '' : ` · ${(day.ratio * 100).toFixed(2)}% 24h`;
    const age = Math.round((now - last.startedAt) / 1000);
    return `<td class="${last.ok ? 'up' : 'down'}" title="${escape(last.error ?? '')}">${last.ok ? 'up' : 'DOWN'} · ${Math.round(last.durationMs)} ms${ratio}<br><small>${age}s ago${last.error ? ` · ${escape(last.error.slice(0, 90))}` : ''}</small></td>`;
  };
  const rows = config.checks
    .map((check) => `<tr><th>${escape(check.id)}<br><small>${escape(check.pageType ?? check.kind)} · ${escape(check.summary)}</small></th>${config.deployments.map((d) => (check.deployments.includes(d.name) ? cell(check.id, d.name) : '<td class="na">—</td>')).join('')}</tr>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<title>Vigil · ${escape(config.site.name)}</title><meta name="viewport" content="width=device-width">
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1d2330}table{border-collapse:collapse}th,td{border:1px solid #dde;padding:.4rem .6rem;text-align:left;vertical-align:top}
th small,td small{color:#667;font-weight:normal}.up{background:#e6f6ea}.down{background:#fde4e4;font-weight:600}.pending{color:#889}.na{color:#bbb}
@media (prefers-color-scheme:dark){body{background:#11151c;color:#e3e7ee}th,td{border-color:#334}.up{background:#16331f}.down{background:#46181b}}</style></head>
<body><h1>${escape(config.site.name)}</h1><p>${config.checks.length} checks · ${config.deployments.map((d) => `${escape(d.name)} (${d.role})`).join(', ')} · <a href="/metrics">metrics</a> · <a href="/api/v1/checks">API</a></p>
<table><thead><tr><th>check</th>${config.deployments.map((d) => `<th>${escape(d.name)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
