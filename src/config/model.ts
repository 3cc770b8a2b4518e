import type { CheckKind, CheckSpec } from '../checks/definitions';
import type { ConfirmationPolicy } from '../evaluate/confirmation';
import type { IncidentPolicy } from '../incidents/lifecycle';
import type { ReminderPolicy } from '../incidents/reminders';
import type { MaintenanceWindow } from '../notify/maintenance';
import type { ChannelRoutes } from '../notify/routing';
import type { Heartbeat } from '../heartbeats/model';
import type { AuthSettings } from '../server/auth/config-schema';
import type { DisparityPolicy } from '../evaluate/disparity';
import type { DeployPlan } from './deploy-plans';
import type { ActionSetting, RemediationSettings } from '../remediate/model';
import type { StatusPageConfig } from '../server/status-page/config-schema';
import type { BrowserSettings } from '../browser/settings';

/** The validated, resolved config every other module consumes. Built once by loadConfig; never mutated. */

export type Deployment = {
  name: string;
  baseUrl: string;
  role: 'primary' | 'backup';
  provider?: string;
};

export type PageType = {
  name: string;
  kind: string;
  paths: string[];
  revenuePerHour?: number;
  runbook?: string;
};

export type Check = {
  /** Unique id: the configured name, or `name [path]` when a page type with several paths expands the check. */
  id: string;
  /** The name as written in the config. */
  name: string;
  kind: CheckKind;
  spec: CheckSpec;
  pageType?: string;
  intervalMs: number;
  timeoutMs: number;
  /** Names of the deployments this check runs against. */
  deployments: string[];
  /** Location labels that run it; undefined means every location. */
  locations?: string[];
  tags: string[];
  enabled: boolean;
  /** The response plan, from the check or its page type. */
  runbook?: string;
  /** One line for logs and tables, e.g. `GET /products/abc`. */
  summary: string;
};

export type VigilConfig = {
  /** Absolute path of the file this came from. */
  file: string;
  site: { name: string };
  deployments: Deployment[];
  pageTypes: PageType[];
  checks: Check[];
  location: string;
  storage: {
    /** Absolute path. */
    dataDir: string;
    retention: { rawDays: number; minuteRollupDays: number; hourRollupDays: number };
  };
  server: { host: string; port: number; auth?: AuthSettings };
  scheduler: { concurrency: number };
  channels: ChannelSetting[];
  alerting: AlertingSettings;
  maintenance: MaintenanceWindow[];
  heartbeats: Heartbeat[];
  selfHeartbeat?: { url: string; everyMs: number };
  disparity: DisparityPolicy;
  deployPlans: DeployPlan[];
  actions: ActionSetting[];
  remediation: RemediationSettings;
  statusPage?: StatusPageConfig;
  /** How browser checks run Chromium (the `browser` section, defaults filled in). */
  browser: BrowserSettings;
};

/** A configured channel: its name, routing, and the kind-specific settings its ChannelType validated. */
export type ChannelSetting = {
  name: string;
  kind: string;
  settings: { kind: string } & Record<string, unknown>;
  routes?: ChannelRoutes;
  escalationOnly: boolean;
};

export type AlertingSettings = {
  confirmation: ConfirmationPolicy;
  incidents: IncidentPolicy;
  reminders: ReminderPolicy;
  publicUrl?: string;
};

/** One problem in a config file: where it is and what was expected. */
export type ConfigProblem = {
  file: string;
  /** Field path such as `checks[2].interval`. */
  path: string;
  message: string;
  line?: number;
  column?: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  return `${where}  ${problem.path || '(root)'}: ${problem.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`))
    .join('');
}
