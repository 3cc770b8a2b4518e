import { z } from 'zod';
import { durationSchema } from './duration-schema';
import type { RawProblem } from './zod-problems';

/** A planned release (a peak-event deploy): its steps in order and when to roll back. */

const verifyRunSchema = z
  .object({
    /** Runs `vigil deploy verify` against this deployment (or URL) and stops the plan if the verdict fails. */
    verify: z
      .object({
        /** @example "backup" */
        deployment: z.string().min(1),
        /** Verify this URL (a preview of the new build) under the deployment's name. @example "https://preview-123.example.com" */
        url: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }).optional(),
        /** Compare with this deployment instead of the primary. @example "production" */
        against: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

const commandRunSchema = z
  .object({
    /** A shell command, run from the config file's folder; a non-zero exit stops the plan. @example "npm run deploy:backup" */
    command: z.string().min(1),
    /** Default 10m. @example "15m" */
    timeout: durationSchema.refine((ms) => ms >= 1_000 && ms <= 6 * 3_600_000, { error: 'expected a timeout between 1s and 6h' }).optional(),
  })
  .strict();

/**
 * One step of a plan: automated (`run`) or done by a person (`manual: true`, the default without `run`).
 * @example { title: "Deploy the new build to the backup", run: { command: "npm run deploy:backup", timeout: "10m" } }
 * @example { title: "Verify the backup", run: { verify: { deployment: "backup" } } }
 * @example { title: "Switch traffic in the CDN console", manual: true }
 */
export const deployStepSchema = z
  .object({
    title: z.string().min(1),
    run: z.union([verifyRunSchema, commandRunSchema], { error: 'expected { verify: { deployment, url? } } or { command, timeout? }' }).optional(),
    manual: z.boolean().optional(),
  })
  .strict()
  .refine((step) => !(step.run && step.manual), { error: 'a step is either automated (run) or manual, not both', path: ['manual'] });

export const deployPlanSchema = z
  .object({
    /** @example "black-friday-release" */
    name: z.string().min(1).max(120),
    description: z.string().optional(),
    steps: z.array(deployStepSchema).min(1, { error: 'expected at least one step' }),
    /** When to roll back, printed at the end of the checklist. @example ["checkout error rate above 1% for 5 minutes", "any price disparity"] */
    rollbackCriteria: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type DeployStep = {
  title: string;
  run?: { verify: { deployment: string; url?: string; against?: string } } | { command: string; timeoutMs: number };
  manual: boolean;
};
export type DeployPlan = { name: string; description?: string; steps: DeployStep[]; rollbackCriteria: string[] };

export const DEFAULT_COMMAND_TIMEOUT_MS = 10 * 60_000;

export function resolveDeployPlans(parsed: z.output<typeof deployPlanSchema>[], deploymentNames: string[], problems: RawProblem[]): DeployPlan[] {
  parsed.forEach((plan, index) => {
    if (parsed.findIndex((other) => other.name === plan.name) !== index) problems.push({ path: ['deployPlans', index, 'name'], message: `duplicate deploy plan name "${plan.name}"` });
    plan.steps.forEach((step, position) => {
      if (!step.run || !('verify' in step.run)) return;
      for (const field of ['deployment', 'against'] as const) {
        const name = step.run.verify[field];
        if (name !== undefined && !deploymentNames.includes(name) && !(field === 'deployment' && step.run.verify.url)) {
          problems.push({
            path: ['deployPlans', index, 'steps', position, 'run', 'verify', field],
            message: `expected one of the declared deployments (${deploymentNames.join(', ')}), got "${name}"`,
          });
        }
      }
    });
  });
  return parsed.map((plan) => ({
    name: plan.name,
    description: plan.description,
    rollbackCriteria: plan.rollbackCriteria,
    steps: plan.steps.map((step): DeployStep => {
      const run = step.run && 'command' in step.run ? { command: step.run.command, timeoutMs: step.run.timeout ?? DEFAULT_COMMAND_TIMEOUT_MS } : step.run;
      return { title: step.title, ...(run ? { run } : {}), manual: run === undefined };
    }),
  }));
}
