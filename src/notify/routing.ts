import type { Incident } from '../incidents/model';

/**
 * Which channels hear about an incident. Every filter a channel sets must
 * match; a channel without routes hears everything. Escalation-only channels
 * are brought in by escalation steps, never by routing.
 */
export type ChannelRoutes = {
  tags?: string[];
  pageTypes?: string[];
  deployments?: string[];
  severities?: ('critical' | 'warning')[];
};

export type RoutedChannel = { name: string; routes?: ChannelRoutes; escalationOnly: boolean };

export function routeIncident(channels: readonly RoutedChannel[], incident: Incident, tagsOf: (checkId: string) => string[]): string[] {
  const pageTypes = incident.members.map((m) => m.pageType).filter((p): p is string => p !== undefined);
  const tags = incident.members.flatMap((m) => tagsOf(m.checkId));
  return channels
    .filter((channel) => !channel.escalationOnly)
    .filter(({ routes }) => {
      if (!routes) return true;
      if (routes.deployments && !routes.deployments.includes(incident.deployment)) return false;
      if (routes.severities && !routes.severities.includes(incident.severity)) return false;
      if (routes.pageTypes && !routes.pageTypes.some((p) => pageTypes.includes(p))) return false;
      if (routes.tags && !routes.tags.some((t) => tags.includes(t))) return false;
      return true;
    })
    .map((channel) => channel.name);
}
