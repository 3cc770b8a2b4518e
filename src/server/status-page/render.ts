import type { UptimeBar } from '../api/contract';
import type { ComponentStatus, PublicIncident, PublicState, StatusPageData } from './model';

/** The status page as HTML: no JavaScript, no external assets, light and dark by the visitor's preference. */

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const stateWords: Record<PublicState, string> = {
  operational: 'Operational',
  degraded: 'Degraded performance',
  outage: 'Outage',
  maintenance: 'Under maintenance',
  unknown: 'No data yet',
};

const overallWords: Record<PublicState, string> = {
  operational: 'All systems operational',
  degraded: 'Some systems are degraded',
  outage: 'Some systems are down',
  maintenance: 'Maintenance in progress',
  unknown: 'Waiting for the first checks',
};

const percent = (ratio: number) => `${(Math.floor(ratio * 10_000) / 100).toFixed(2)}%`;
const when = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function barClass(bar: UptimeBar): string {
  if (bar.ratio === null) return 'none';
  if (bar.ratio >= 0.999) return 'good';
  if (bar.ratio >= 0.95) return 'fair';
  return 'poor';
}

/** Each bar carries its meaning as text (for screen readers and hover), not only as colour. */
function bars(component: ComponentStatus): string {
  const items = component.bars
    .map((bar) => {
      const label = `${bar.day}: ${bar.ratio === null ? 'no data' : `${percent(bar.ratio)} uptime`}`;
      return `<li class="${barClass(bar)}"><span class="sr">${escape(label)}</span></li>`;
    })
    .join('');
  return `<ol class="bars" aria-label="${escape(`${component.name}: daily uptime, last ${component.bars.length} days, oldest first`)}">${items}</ol>
<p class="axis"><span>${component.bars.length} days ago</span><span>${component.uptime === null ? 'no data' : `${percent(component.uptime)} uptime`}</span><span>today</span></p>`;
}

function componentHtml(component: ComponentStatus): string {
  const details = component.details
    ? `<ul class="details">${component.details.map((d) => `<li>${escape(d.check)} · ${escape(d.deployment)} · ${escape(d.state)}${d.error ? ` · ${escape(d.error)}` : ''}</li>`).join('')}</ul>`
    : '';
  return `<section class="component">
<h3><span>${escape(component.name)}</span><span class="state ${component.state}">${stateWords[component.state]}</span></h3>
${component.description ? `<p class="description">${escape(component.description)}</p>` : ''}${bars(component)}${details}
</section>`;
}

function incidentHtml(incident: PublicIncident): string {
  const status = incident.status === 'resolved' ? `Resolved ${incident.resolvedAt ? when(incident.resolvedAt) : ''}` : incident.status === 'acknowledged' ? 'Identified: we are working on it' : 'Investigating';
  const updates = incident.updates.length === 0 ? '' : `<ol class="updates">${incident.updates.map((u) => `<li><time datetime="${new Date(u.at).toISOString()}">${when(u.at)}</time> ${escape(u.text)}</li>`).join('')}</ol>`;
  return `<article class="incident ${incident.status}">
<h3>${escape(incident.title)}</h3>
<p class="meta">${escape(status)} · started ${when(incident.startedAt)} · affects ${escape(incident.components.join(', '))}</p>${updates}
</article>`;
}

export function renderStatusPage(data: StatusPageData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(data.title)}</title><meta name="color-scheme" content="light dark">
<style>
:root{--bg:#f7f8fa;--fg:#1b2230;--muted:#5d6678;--card:#fff;--line:#e1e5ec;--good:#2f9e5b;--fair:#d9a21b;--poor:#d64545;--none:#c9ced8;--maint:#3b72d9}
@media (prefers-color-scheme:dark){:root{--bg:#0f131a;--fg:#e4e8ef;--muted:#9aa3b3;--card:#171c25;--line:#293142;--good:#3cb371;--fair:#e0b23a;--poor:#ef5b5b;--none:#3a4252;--maint:#5b8ef0}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:860px;margin:0 auto;padding:2rem 1rem}h1{font-size:1.6rem;margin:0 0 1rem}h2{font-size:1.1rem;margin:2rem 0 .75rem}
.banner{padding:1rem 1.25rem;border-radius:8px;color:#fff;font-weight:600;background:var(--good)}.banner.degraded{background:var(--fair)}.banner.outage{background:var(--poor)}.banner.maintenance{background:var(--maint)}.banner.unknown{background:var(--none);color:var(--fg)}
.component,.incident{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:.75rem 0}
.component h3,.incident h3{display:flex;justify-content:space-between;gap:1rem;margin:0;font-size:1rem}
.state{font-weight:600}.state.operational{color:var(--good)}.state.degraded{color:var(--fair)}.state.outage{color:var(--poor)}.state.maintenance{color:var(--maint)}.state.unknown{color:var(--muted)}
.description,.meta,.axis{color:var(--muted);font-size:.85rem;margin:.25rem 0}
.bars{display:flex;gap:2px;list-style:none;padding:0;margin:.75rem 0 .25rem;height:34px}.bars li{flex:1;border-radius:2px;background:var(--none)}
.bars .good{background:var(--good)}.bars .fair{background:var(--fair)}.bars .poor{background:var(--poor)}
.axis{display:flex;justify-content:space-between}.updates{margin:.5rem 0 0;padding-left:1.1rem}.updates time{color:var(--muted);font-size:.85rem;margin-right:.4rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.details{font-size:.8rem;color:var(--muted)}footer{color:var(--muted);font-size:.8rem;margin-top:2rem}
</style></head>
<body><main>
<h1>${escape(data.title)}</h1>
<p class="banner ${data.state}" role="status">${overallWords[data.state]}</p>
${data.active.length > 0 ? `<h2>Active incidents</h2>${data.active.map(incidentHtml).join('\n')}` : ''}
<h2>Components</h2>
${data.components.map(componentHtml).join('\n')}
<h2>Past incidents</h2>
${data.past.length > 0 ? data.past.map(incidentHtml).join('\n') : '<p class="meta">No incidents in the last 14 days.</p>'}
<footer>Updated ${when(data.generatedAt)}</footer>
</main></body></html>`;
}
