import { z } from 'zod';
import { formatDuration } from '../domain/duration';
import { durationSchema } from './duration-schema';
import { alertingSchema, commonChannelSchema, maintenanceSchema } from './alerting-schema';
import { heartbeatSchema, selfHeartbeatSchema } from '../heartbeats/config-schema';
import { authSettingsSchema } from '../server/auth/config-schema';
import { disparitySchema } from '../evaluate/disparity-config';
import { deployPlanSchema } from './deploy-plans';
import { actionSchema, remediationSchema } from '../remediate/config-schema';
import { statusPageSchema } from '../server/status-page/config-schema';
import { browserSettingsSchema } from '../browser/settings';

export { durationSchema };

/**
 * The shape of a Vigil config file, common parts. Kind-specific check fields
 * are validated by each check type's own schema (src/checks/<kind>/definition.ts)
 * in a second pass, see validate.ts, so adding a check kind never touches this file.
 */

export const MIN_INTERVAL_MS = 10_000;
export const DEFAULT_INTERVAL_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

const intervalSchema = durationSchema.refine((ms) => ms >= MIN_INTERVAL_MS, {
  error: `expected an interval of at least ${formatDuration(MIN_INTERVAL_MS)}`,
});

const timeoutSchema = durationSchema.refine((ms) => ms >= 100 && ms <= 600_000, {
  error: 'expected a timeout between 100ms and 10m',
});

const nameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.:/-]*$/, { error: 'expected a name of letters, digits, spaces and _ . : / - (starting with a letter or digit)' });

export const deploymentSchema = z
  .object({
    /** @example "production" */
    name: nameSchema,
    /** Where this deployment serves the store. @example "https://shop.example.com" */
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as "https://shop.example.com"' }),
    /** `primary` serves customers; `backup` deployments stand by for failover. */
    role: z.enum(['primary', 'backup']).default('primary'),
    /** Free label for the hosting or build provider. @example "netlify" */
    provider: z.string().optional(),
  })
  .strict();

export const standardPageTypes = ['home', 'landing', 'collection', 'product', 'cart', 'account', 'checkout', 'search'] as const;

export const pageTypeSchema = z
  .object({
    /** What kind of page this is; inferred from the page type's name when it is a standard one, else `custom`. */
    kind: z.enum([...standardPageTypes, 'custom']).optional(),
    /** One or more paths of this page type, relative to each deployment's baseUrl. @example ["/products/rugged-wool-parka"] */
    paths: z.array(z.string().startsWith('/', { error: 'expected a path starting with "/"' })).min(1),
    /** The response plan when this page type fails. */
    runbook: z.url().optional(),
    /** Revenue per hour that depends on this page type, to state impact in money. @example 1200 */
    revenuePerHour: z.number().nonnegative().optional(),
  })
  .strict();

/** Fields every check has, whatever its kind. */
export const commonCheckSchema = z.looseObject({
  /** Unique name of the check. @example "product page" */
  name: nameSchema,
  /** The check type. */
  kind: z.string(),
  /** The page type this check watches; without `path`/`url`, the check runs once per path of the page type. */
  pageType: z.string().optional(),
  /** How often to run. Default 60s, at least 10s. @example "30s" */
  interval: intervalSchema.optional(),
  /** Hard limit for one run. Default 10s. @example "5s" */
  timeout: timeoutSchema.optional(),
  /** Limit the check to these deployments (by name); default: every deployment. */
  deployments: z.array(z.string()).min(1).optional(),
  /** Location labels that run this check; default: every location. */
  locations: z.array(z.string()).min(1).optional(),
  tags: z.array(z.string()).default([]),
  /** The response plan for this check's failures; shown in alerts and on the incident. @example "https://wiki.example.com/runbooks/checkout-down" */
  runbook: z.url().optional(),
  /** Set false to keep a check in the file without running it. */
  enabled: z.boolean().default(true),
});

export const retentionSchema = z
  .object({
    /** Days to keep every raw result. */
    rawDays: z.number().int().min(1).default(14),
    minuteRollupDays: z.number().int().min(1).default(30),
    hourRollupDays: z.number().int().min(1).default(400),
  })
  .strict();

export const configSchema = z
  .object({
    site: z
      .object({
        /** @example "Acme Outdoor" */
        name: z.string().min(1),
      })
      .strict(),
    deployments: z.array(deploymentSchema).min(1, { error: 'expected at least one deployment' }),
    pageTypes: z.record(z.string(), pageTypeSchema).default({}),
    checks: z.array(commonCheckSchema).default([]),
    defaults: z
      .object({
        interval: intervalSchema.default(DEFAULT_INTERVAL_MS),
        timeout: timeoutSchema.default(DEFAULT_TIMEOUT_MS),
      })
      .strict()
      .default({ interval: DEFAULT_INTERVAL_MS, timeout: DEFAULT_TIMEOUT_MS }),
    /** Where alerts go: Slack, Teams, Discord, e-mail, PagerDuty, Opsgenie, Telegram, webhooks. */
    channels: z.array(commonChannelSchema).default([]),
    alerting: alertingSchema.default({
      confirmation: { failuresToConfirm: 3, recheckCount: 2, recheckInterval: 10_000, passesToRecover: 2, quorum: 1 },
      incidents: { groupingWindow: 600_000, autoResolve: true },
      escalation: [],
    }),
    /** Maintenance windows and deploy freezes: alerts are silenced and shown as maintenance, not downtime. */
    maintenance: z.array(maintenanceSchema).default([]),
    /** Jobs that ping Vigil (cron jobs, CI runs); a missed or failed run alerts like a failed check. */
    heartbeats: z.array(heartbeatSchema).default([]),
    /** Vigil's own outbound heartbeat to an outside dead man's switch. @example { url: "https://other-vigil.example.com/ping/…", every: "1m" } */
    selfHeartbeat: selfHeartbeatSchema.optional(),
    /** How production and its backups are compared (status, latency, extracted content); see docs/deployments.md. */
    disparity: disparitySchema.optional(),
    /** Planned releases: steps and rollback criteria, run with `vigil deploy plan NAME`. */
    deployPlans: z.array(deployPlanSchema).default([]),
    /** What Vigil can do about an outage: fail over to a backup or roll back, through a webhook, a command or the host's API. */
    actions: z.array(actionSchema).default([]),
    /** When actions run by themselves, and when their effect is re-checked. */
    remediation: remediationSchema.optional(),
    /** The public status page at /status: components customers recognise, mapped to checks. */
    statusPage: statusPageSchema.optional(),
    /** The location label of this Vigil instance; checks limited to other locations do not run here. */
    location: z.string().min(1).default('local'),
    storage: z
      .object({
        /** Folder for the SQLite database and artifacts, relative to the config file. */
        dataDir: z.string().default('.vigil'),
        retention: retentionSchema.default({ rawDays: 14, minuteRollupDays: 30, hourRollupDays: 400 }),
      })
      .strict()
      .default({ dataDir: '.vigil', retention: { rawDays: 14, minuteRollupDays: 30, hourRollupDays: 400 } }),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
        /** Logins: session lifetime, secure cookies, proxy. @example { sessionTtl: "8h" } */
        auth: authSettingsSchema.optional(),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8787 }),
    scheduler: z
      .object({
        /** How many checks may run at the same moment. */
        concurrency: z.number().int().min(1).max(10_000).default(200),
      })
      .strict()
      .default({ concurrency: 200 }),
    /** How browser checks run Chromium: the binary, runs at once, restarts. @example { executablePath: "/usr/bin/chromium", concurrency: 2, recycleAfter: 200 } */
    browser: browserSettingsSchema.optional(),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
