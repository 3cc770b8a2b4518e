import type { ServerDeps } from './app';
import type { StoredResult } from '../store/ports';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A server-rendered overview: every check × deployment with its last result
 * and 24 h uptime. No JavaScript; it refreshes itself. (The full dashboard is its own piece of work.)
 */
export async function overviewPage({ config, store }: ServerDeps): Promise<string> {
  const now = Date.now();
  const [latest, uptime, health, incidents] = await Promise.all([
    store.latestResults(),
    store.uptime({ from: now - 86_400_000, to: now }),
    store.loadHealth(),
    store.listIncidents({ status: 'unresolved', limit: 20 }),
  ]);
  const cell = (checkId: string, deployment: string) => {
    const last: StoredResult | undefined = latest.find((r) => r.checkId === checkId && r.deployment === deployment);
    const day = uptime.find((u) => u.checkId === checkId && u.deployment === deployment);
    const state = health.find((h) => h.checkId === checkId && h.deployment === deployment)?.health.state;
    if (!last) return '<td class="pending">waiting for first run</td>';
    // Confirmed state first: a maintenance window is shown as such, not as downtime.
    if (state === 'maintenance') return `<td class="maintenance">maintenance<br><small>${escape(last.error ?? 'silenced')}</small></td>`;
    const ratio = day?.ratio == null ? '' : ` · ${(day.ratio * 100).toFixed(2)}% 24h`;
    const age = Math.round((now - last.startedAt) / 1000);
    const label = state === 'down' ? 'DOWN' : last.ok ? 'up' : 'failing (confirming)';
    const css = state === 'down' ? 'down' : last.ok ? 'up' : 'confirming';
    return `<td class="${css}" title="${escape(last.error ?? '')}">${label} · ${Math.round(last.durationMs)} ms${ratio}<br><small>${age}s ago${last.error ? ` · ${escape(last.error.slice(0, 90))}` : ''}</small></td>`;
  };
  const rows = config.checks
    .map((check) => `<tr><th>${escape(check.id)}<br><small>${escape(check.pageType ?? check.kind)} · ${escape(check.summary)}</small></th>${config.deployments.map((d) => (check.deployments.includes(d.name) ? cell(check.id, d.name) : '<td class="na">—</td>')).join('')}</tr>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<title>Vigil · ${escape(config.site.name)}</title><meta name="viewport" content="width=device-width">
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1d2330}table{border-collapse:collapse}th,td{border:1px solid #dde;padding:.4rem .6rem;text-align:left;vertical-align:top}
th small,td small{color:#667;font-weight:normal}.up{background:#e6f6ea}.down{background:#fde4e4;font-weight:600}.pending{color:#889}.na{color:#bbb}.confirming{background:#fff4d6}.maintenance{background:#e4ecfb}
@media (prefers-color-scheme:dark){body{background:#11151c;color:#e3e7ee}th,td{border-color:#334}.up{background:#16331f}.down{background:#46181b}}</style></head>
<body><h1>${escape(config.site.name)}</h1><p>${config.checks.length} checks · ${config.deployments.map((d) => `${escape(d.name)} (${d.role})`).join(', ')} · <a href="/metrics">metrics</a> · <a href="/api/v1/checks">API</a></p>
${incidents.length === 0 ? '<p class="up">No open incidents.</p>' : `<h2>Open incidents</h2><ul>${incidents.map((i) => `<li class="down">#${i.id} ${escape(i.title)} · ${i.status} · since ${new Date(i.firstFailureAt).toISOString().slice(11, 19)} UTC</li>`).join('')}</ul>`}
<table><thead><tr><th>check</th>${config.deployments.map((d) => `<th>${escape(d.name)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
