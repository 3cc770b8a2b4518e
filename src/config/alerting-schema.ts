import { z } from 'zod';
import { durationSchema } from './duration-schema';

/** Config of confirmation, incidents, reminders, escalation, channels and maintenance windows. */

const routesSchema = z
  .object({
    tags: z.array(z.string()).min(1).optional(),
    pageTypes: z.array(z.string()).min(1).optional(),
    deployments: z.array(z.string()).min(1).optional(),
    severities: z.array(z.enum(['critical', 'warning'])).min(1).optional(),
  })
  .strict();

/** Fields every channel has; the rest are validated by the channel kind's own schema. */
export const commonChannelSchema = z.looseObject({
  /** How checks, escalation steps and `vigil test-channel` refer to it. @example "ops-slack" */
  name: z.string().min(1),
  kind: z.string(),
  /** Only incidents matching every filter reach this channel. @example { tags: ["checkout"], severities: ["critical"] } */
  routes: routesSchema.optional(),
  /** Reached only through an escalation step, never directly. */
  escalationOnly: z.boolean().default(false),
});

export const alertingSchema = z
  .object({
    /** How a failure is confirmed before anyone is paged. */
    confirmation: z
      .object({
        /** Consecutive failed runs (with re-checks) that confirm down. */
        failuresToConfirm: z.number().int().min(1).max(20).default(3),
        /** Fast re-checks after a failure. */
        recheckCount: z.number().int().min(0).max(10).default(2),
        recheckInterval: durationSchema.default(10_000),
        /** Consecutive passing runs that confirm recovery. */
        passesToRecover: z.number().int().min(1).max(20).default(2),
        /** Locations that must agree when several run a check. */
        quorum: z.number().int().min(1).default(1),
        /** Also confirm when `failures` of the last `runs` runs failed. */
        window: z.object({ failures: z.number().int().min(1), runs: z.number().int().min(1) }).strict().optional(),
        /** Passing runs slower than this count as slow; 3 in a row make the check degraded. @example "2s" */
        degradedAbove: durationSchema.optional(),
      })
      .strict()
      .default({ failuresToConfirm: 3, recheckCount: 2, recheckInterval: 10_000, passesToRecover: 2, quorum: 1 }),
    incidents: z
      .object({
        groupingWindow: durationSchema.default(600_000),
        autoResolve: z.boolean().default(true),
      })
      .strict()
      .default({ groupingWindow: 600_000, autoResolve: true }),
    /** Repeat the alert while an incident stays unacknowledged. @example "30m" */
    remindEvery: durationSchema.optional(),
    /** After a delay unacknowledged, bring in more channels. @example [{ after: "15m", channels: ["pagerduty"] }] */
    escalation: z.array(z.object({ after: durationSchema, channels: z.array(z.string()).min(1) }).strict()).default([]),
    /** The address people reach this Vigil at, for links in alerts. @example "https://vigil.example.com" */
    publicUrl: z.url().optional(),
  })
  .strict();

export const maintenanceSchema = z
  .object({
    name: z.string().min(1),
    /** `freeze` also blocks remediation and deploys; both silence alerts. */
    kind: z.enum(['maintenance', 'freeze']).default('maintenance'),
    /** One-off: ISO start and end. @example "2026-12-01T02:00:00Z" */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Recurring: a cron expression, in `timezone`, lasting `duration`. @example "0 3 * * 2" */
    cron: z.string().optional(),
    timezone: z.string().optional(),
    duration: durationSchema.optional(),
    deployments: z.array(z.string()).min(1).optional(),
    checks: z.array(z.string()).min(1).optional(),
    tags: z.array(z.string()).min(1).optional(),
  })
  .strict()
  .superRefine((window, ctx) => {
    const oneOff = window.from !== undefined || window.to !== undefined;
    const recurring = window.cron !== undefined || window.duration !== undefined;
    if (oneOff === recurring) ctx.addIssue({ code: 'custom', message: 'expected either from + to (one-off) or cron + duration (recurring)' });
    if (oneOff && (window.from === undefined || window.to === undefined)) ctx.addIssue({ code: 'custom', message: 'expected both from and to' });
    if (oneOff && window.from && window.to && Date.parse(window.to) <= Date.parse(window.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'expected to to be after from' });
    if (recurring && (window.cron === undefined || window.duration === undefined)) ctx.addIssue({ code: 'custom', message: 'expected both cron and duration' });
  });
