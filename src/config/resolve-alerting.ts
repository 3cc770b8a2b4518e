import type { z } from 'zod';
import { channelKinds, channelSchemas } from '../notify/channels/schemas';
import { cronProblem, type MaintenanceWindow } from '../notify/maintenance';
import { commonChannelSchema } from './alerting-schema';
import type { AlertingSettings, ChannelSetting } from './model';
import type { ParsedConfig } from './schema';
import { fromZod, type RawProblem } from './zod-problems';

const commonKeys = new Set(Object.keys(commonChannelSchema.shape));

/** Channels (each validated by its kind's schema), alerting policies and maintenance windows, with cross-references checked. */
export function resolveAlerting(
  data: ParsedConfig,
  rawChannels: unknown,
  problems: RawProblem[],
): { channels: ChannelSetting[]; alerting: AlertingSettings; maintenance: MaintenanceWindow[] } {
  const channels = data.channels.flatMap((channel, index): ChannelSetting[] => {
    const raw = Array.isArray(rawChannels) ? (rawChannels[index] as Record<string, unknown>) : {};
    if (!(channelKinds as readonly string[]).includes(channel.kind)) {
      problems.push({ path: ['channels', index, 'kind'], message: `expected one of ${channelKinds.join(', ')}, got ${JSON.stringify(channel.kind)}` });
      return [];
    }
    const own = Object.fromEntries(Object.entries(raw).filter(([key]) => !commonKeys.has(key) || key === 'kind'));
    const parsed = (channelSchemas[channel.kind as keyof typeof channelSchemas] as z.ZodType).safeParse(own);
    if (!parsed.success) {
      problems.push(...fromZod(parsed.error, ['channels', index]));
      return [];
    }
    return [{ name: channel.name, kind: channel.kind, settings: parsed.data as ChannelSetting['settings'], routes: channel.routes, escalationOnly: channel.escalationOnly }];
  });
  const names = data.channels.map((channel) => channel.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) problems.push({ path: ['channels', index, 'name'], message: `duplicate channel name "${name}"` });
  });
  const deployments = data.deployments.map((d) => d.name);
  data.channels.forEach((channel, index) =>
    channel.routes?.deployments?.forEach((name, position) => {
      if (!deployments.includes(name)) problems.push({ path: ['channels', index, 'routes', 'deployments', position], message: `expected one of the declared deployments (${deployments.join(', ')}), got "${name}"` });
    }),
  );
  data.alerting.escalation.forEach((step, index) =>
    step.channels.forEach((name, position) => {
      if (!names.includes(name)) problems.push({ path: ['alerting', 'escalation', index, 'channels', position], message: `expected one of the declared channels (${names.join(', ') || 'none declared'}), got "${name}"` });
    }),
  );
  const maintenance = data.maintenance.map((window, index): MaintenanceWindow => {
    if (window.cron) {
      const problem = cronProblem(window.cron, window.timezone);
      if (problem) problems.push({ path: ['maintenance', index, window.timezone ? 'timezone' : 'cron'], message: problem });
    }
    window.deployments?.forEach((name, position) => {
      if (!deployments.includes(name)) problems.push({ path: ['maintenance', index, 'deployments', position], message: `expected one of the declared deployments (${deployments.join(', ')}), got "${name}"` });
    });
    return {
      name: window.name,
      kind: window.kind,
      from: window.from ? Date.parse(window.from) : undefined,
      to: window.to ? Date.parse(window.to) : undefined,
      cron: window.cron,
      timezone: window.timezone,
      durationMs: window.duration,
      deployments: window.deployments,
      checks: window.checks,
      tags: window.tags,
    };
  });
  const confirmation = data.alerting.confirmation;
  return {
    channels,
    maintenance,
    alerting: {
      confirmation: {
        failuresToConfirm: confirmation.failuresToConfirm,
        recheck: { count: confirmation.recheckCount, intervalMs: confirmation.recheckInterval },
        passesToRecover: confirmation.passesToRecover,
        quorum: confirmation.quorum,
        window: confirmation.window,
        degradedAboveMs: confirmation.degradedAbove,
      },
      incidents: { groupingWindowMs: data.alerting.incidents.groupingWindow, autoResolve: data.alerting.incidents.autoResolve },
      reminders: { everyMs: data.alerting.remindEvery, escalation: data.alerting.escalation.map((step) => ({ afterMs: step.after, channels: step.channels })) },
      publicUrl: data.alerting.publicUrl,
    },
  };
}
