import type { z } from 'zod';
import type { Observation } from '../domain/check-result';

/** The deployment a run targets, as the runner needs it. */
export type DeploymentTarget = {
  name: string;
  /** e.g. `https://shop.example.com` */
  baseUrl: string;
  role: 'primary' | 'backup';
};

export type RunContext = {
  deployment: DeploymentTarget;
  /** The hard limit for this run; the runner should also honour `signal`. */
  timeoutMs: number;
  /** Aborted when the timeout passes or the monitor stops. */
  signal: AbortSignal;
  location: string;
  /** This check's evidence folder (screenshots, traces of failed runs): `<dataDir>/artifacts/<check>`. Unset: keep no files. */
  artifactsDir?: string;
};

/**
 * Pure description of a check kind: its config schema, nothing that does I/O,
 * so the CLI, the dashboard and the config loader can import it.
 */
export type CheckDefinition<Kind extends string, Spec extends { kind: Kind }> = {
  kind: Kind;
  /** Kind-specific fields of a check (the common ones — name, interval, timeout, tags… — live in the config schema). */
  schema: z.ZodType<Spec>;
  /** One line for logs and tables, e.g. `GET /products/abc`. */
  describe(spec: Spec): string;
};

export type CheckRunner<Spec> = {
  /** Runs the check once. Never throws for a failing target: returns ok=false with an error. */
  run(spec: Spec, ctx: RunContext): Promise<Observation>;
};
