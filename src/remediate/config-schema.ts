import { z } from 'zod';
import { durationSchema } from '../config/duration-schema';

/** Config of remediation actions and the policies that run them. Pure: the config loader imports it. */

const name = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'expected a name of letters, digits and _ . - (it is typed on the command line and in URLs)' });

export const actionSchema = z
  .object({
    /** How the CLI, the API and policies refer to it. @example "failover-to-backup" */
    name,
    /** `failover` switches traffic to another deployment; `rollback` restores an earlier build of the same one. */
    kind: z.enum(['failover', 'rollback']),
    /** The deployment this action repairs. Default: the first primary deployment. @example "production" */
    deployment: z.string().optional(),
    /**
     * The deployment that becomes live: what "switch to backup" means. Required for a
     * failover; Vigil refuses to switch while any of its checks is not green.
     * @example "backup"
     */
    toDeployment: z.string().optional(),
    /**
     * Who does the work, with its own settings: `webhook`, `command`, `netlify`, `vercel` or `cloudflare`.
     * @example { kind: "webhook", url: "https://ops.example.com/failover", secret: "${env:FAILOVER_SECRET}" }
     */
    provider: z.looseObject({ kind: z.string() }),
    /** A person must confirm (`--yes`, `confirm: true`); policies only record that the action awaits confirmation. */
    requireConfirmation: z.boolean().default(false),
    /** Limit for the provider call. @example "1m" */
    timeout: durationSchema.refine((ms) => ms >= 100 && ms <= 600_000, { error: 'expected a timeout between 100ms and 10m' }).default(30_000),
    description: z.string().optional(),
  })
  .strict();

export const remediationPolicySchema = z
  .object({
    /** @example "auto-failover" */
    name,
    /** The action to run. @example "failover-to-backup" */
    action: z.string(),
    when: z
      .object({
        /** The deployment whose confirmed outage triggers it; default (and only sensible value): the one the action repairs. @example "production" */
        deployment: z.string().optional(),
        /** Confirmed down at least this long. @example "2m" */
        downFor: durationSchema.default(120_000),
        /** Only when every check of the action's toDeployment is green (default true). */
        requireTargetGreen: z.boolean().default(true),
      })
      .strict(),
  })
  .strict();

export const remediationSchema = z
  .object({
    /** When to run an action by itself. @example [{ name: "auto-failover", action: "failover-to-backup", when: { deployment: "production", downFor: "2m" } }] */
    policies: z.array(remediationPolicySchema).default([]),
    /** After an action, when to re-run the checks and record whether it helped. @example "30s" */
    recheckAfter: durationSchema.default(30_000),
  })
  .strict();
