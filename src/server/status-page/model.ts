import type { Check, VigilConfig } from '../../config/model';
import type { Incident, TimelineEntry } from '../../incidents/model';
import type { Store } from '../../store/ports';
import { uptimeBars } from '../api/checks';
import type { CellState, UptimeBar } from '../api/contract';
import { loadGridSnapshot } from '../api/grid-model';
import type { StatusComponent, StatusPageConfig } from './config-schema';

/**
 * What the public status page shows, as data: per component its state on
 * the primary deployment(s), daily uptime and the incidents that touched it,
 * with only the updates someone chose to publish. Internal detail (check
 * names, errors, URLs, hostnames) is only present with `showDetails`.
 */

export type PublicState = 'operational' | 'degraded' | 'outage' | 'maintenance' | 'unknown';

export type PublicUpdate = { at: number; text: string };

export type PublicIncident = {
  id: number;
  title: string;
  status: 'investigating' | 'acknowledged' | 'resolved';
  startedAt: number;
  resolvedAt: number | null;
  components: string[];
  updates: PublicUpdate[];
};

export type ComponentStatus = {
  name: string;
  description: string | null;
  state: PublicState;
  bars: UptimeBar[];
  uptime: number | null;
  /** Only with showDetails: the checks behind it and their last errors. */
  details?: { check: string; deployment: string; state: CellState; error: string | null }[];
};

export type StatusPageData = {
  title: string;
  state: PublicState;
  components: ComponentStatus[];
  active: PublicIncident[];
  past: PublicIncident[];
  generatedAt: number;
};

export const PAST_INCIDENT_DAYS = 14;
export const BAR_DAYS = 90;

/** Worst first; `confirming` is not confirmed, so the public sees it as operational. */
const rank: Record<PublicState, number> = { outage: 4, degraded: 3, maintenance: 2, operational: 1, unknown: 0 };
const publicOf: Record<CellState, PublicState> = { down: 'outage', degraded: 'degraded', maintenance: 'maintenance', confirming: 'operational', up: 'operational', unknown: 'unknown' };
export const worst = (states: PublicState[]): PublicState => states.reduce<PublicState>((a, b) => (rank[b] > rank[a] ? b : a), 'unknown');

export function checksOf(component: StatusComponent, checks: readonly Check[]): Check[] {
  return checks.filter(
    (check) =>
      component.checks?.includes(check.name) ||
      component.checks?.includes(check.id) ||
      component.tags?.some((tag) => check.tags.includes(tag)) ||
      (check.pageType !== undefined && component.pageTypes?.includes(check.pageType)),
  );
}

/** The deployments customers are served from. */
export const primaryDeployments = (config: VigilConfig): string[] => config.deployments.filter((d) => d.role === 'primary').map((d) => d.name);

export async function loadStatusPage(config: VigilConfig & { statusPage: StatusPageConfig }, store: Store, now = Date.now()): Promise<StatusPageData> {
  const page = config.statusPage;
  const primaries = primaryDeployments(config);
  const [snapshot, unresolved, recent] = await Promise.all([
    loadGridSnapshot(config, store, now),
    store.listIncidents({ status: 'unresolved', limit: 200 }),
    store.listIncidents({ status: 'resolved', since: now - PAST_INCIDENT_DAYS * 86_400_000, limit: 200 }),
  ]);
  const indexById = new Map(snapshot.checks.map((check, index) => [check.id, index]));
  const componentChecks = page.components.map((component) => checksOf(component, config.checks));

  const components: ComponentStatus[] = await Promise.all(
    page.components.map(async (component, index) => {
      const checks = componentChecks[index]!;
      const cells = checks.flatMap((check) => primaries.flatMap((deployment) => snapshot.cellOf(indexById.get(check.id)!, deployment) ?? []));
      const perSeries = await Promise.all(cells.map((cell) => uptimeBars(store, cell.checkId, cell.deployment, BAR_DAYS, now)));
      const bars: UptimeBar[] = Array.from({ length: BAR_DAYS }, (_, day) => {
        let runs = 0;
        let failures = 0;
        for (const series of perSeries) {
          runs += series[day]!.runs;
          failures += series[day]!.failures;
        }
        return { day: perSeries[0]?.[day]?.day ?? new Date(now - (BAR_DAYS - 1 - day) * 86_400_000).toISOString().slice(0, 10), runs, failures, ratio: runs > 0 ? (runs - failures) / runs : null };
      });
      const runs = bars.reduce((sum, bar) => sum + bar.runs, 0);
      const failures = bars.reduce((sum, bar) => sum + bar.failures, 0);
      const status: ComponentStatus = {
        name: component.name,
        description: component.description ?? null,
        state: cells.length === 0 ? 'unknown' : worst(cells.map((cell) => publicOf[cell.state])),
        bars,
        uptime: runs > 0 ? (runs - failures) / runs : null,
      };
      if (page.showDetails) status.details = cells.map((cell) => ({ check: cell.checkId, deployment: cell.deployment, state: cell.state, error: cell.error }));
      return status;
    }),
  );

  // Only incidents on a primary deployment that touch a component's checks are the public's business.
  const componentsOf = (incident: Incident): string[] =>
    page.components.filter((_, index) => componentChecks[index]!.some((check) => incident.members.some((member) => member.checkId === check.id))).map((component) => component.name);
  const publicIncident = async (incident: Incident): Promise<PublicIncident | undefined> => {
    if (!primaries.includes(incident.deployment)) return undefined;
    const names = componentsOf(incident);
    if (names.length === 0) return undefined;
    const timeline: TimelineEntry[] = await store.timeline(incident.id);
    const impact = incident.severity === 'critical' ? 'Outage' : 'Degraded performance';
    return {
      id: incident.id,
      title: page.showDetails ? incident.title : `${impact}: ${names.join(', ')}`,
      status: incident.status === 'resolved' ? 'resolved' : incident.status === 'acknowledged' ? 'acknowledged' : 'investigating',
      startedAt: incident.firstFailureAt,
      resolvedAt: incident.resolvedAt ?? null,
      components: names,
      updates: timeline.filter((entry) => entry.public === true).map((entry) => ({ at: entry.at, text: entry.message })).reverse(),
    };
  };
  const defined = <T>(items: (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);
  const active = defined(await Promise.all(unresolved.map(publicIncident)));
  const past = defined(await Promise.all(recent.map(publicIncident)));
  return { title: page.title, state: components.length === 0 ? 'unknown' : worst(components.map((c) => c.state)), components, active, past, generatedAt: now };
}
