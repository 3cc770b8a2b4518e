import { existsSync } from 'node:fs';
import { isAbsolute, resolve, dirname } from 'node:path';
import type { z } from 'zod';
import { checkDefinitions, checkKinds, type CheckKind, type CheckSpec } from '../checks/definitions';
import { commonCheckSchema, configSchema, standardPageTypes, type ParsedConfig } from './schema';
import { interpolateEnv } from './env';
import { resolveAlerting } from './resolve-alerting';
import { resolveHeartbeats } from '../heartbeats/config-schema';
import { resolveDisparity } from '../evaluate/disparity-config';
import { resolveDeployPlans } from './deploy-plans';
import { resolveRemediation } from '../remediate/config';
import { checkStatusPage } from '../server/status-page/config-schema';
import { resolveBrowserSettings } from '../browser/settings';
import type { Check, Deployment, PageType, VigilConfig } from './model';

import { fromZod, type RawProblem } from './zod-problems';

export type { RawProblem };

/** Keys of a check that belong to every kind; the rest goes to the kind's own schema. */
const commonKeys = new Set(Object.keys(commonCheckSchema.shape));

/**
 * Turns a raw config object (from YAML or a TS module) into the resolved model,
 * collecting every problem at once rather than stopping at the first.
 */
export function resolveConfig(
  raw: unknown,
  file: string,
  env: Record<string, string | undefined> = process.env,
): { config?: VigilConfig; problems: RawProblem[] } {
  const problems: RawProblem[] = [];
  const interpolated = interpolateEnv(raw, env, problems);
  const parsed = configSchema.safeParse(interpolated);
  if (!parsed.success) problems.push(...fromZod(parsed.error, []));
  // Kind-specific validation runs even when the common pass failed, so one `vigil validate` shows everything.
  const rawChecks = (interpolated as { checks?: unknown })?.checks;
  const specs = Array.isArray(rawChecks)
    ? rawChecks.map((check, index) => withScriptsResolved(parseKindFields(check, index, problems), dirname(file), index, problems))
    : [];
  if (!parsed.success) return { problems };

  const data = parsed.data;
  const deployments: Deployment[] = data.deployments;
  const pageTypes = resolvePageTypes(data);
  crossCheck(data, problems);
  const checks = expandChecks(data, specs, pageTypes);
  const alerting = resolveAlerting(data, (interpolated as { channels?: unknown })?.channels, problems);
  const heartbeats = resolveHeartbeats(data.heartbeats, problems);
  const disparity = resolveDisparity(data.disparity, checks, problems);
  const deployPlans = resolveDeployPlans(data.deployPlans, deployments.map((d) => d.name), problems);
  const remediation = resolveRemediation({ actions: data.actions, remediation: data.remediation, deployments, configDir: dirname(file) }, problems);
  const statusPage = checkStatusPage(data.statusPage, { checkNames: data.checks.map((c) => c.name), pageTypes: Object.keys(data.pageTypes), tags: data.checks.flatMap((c) => c.tags), serverPort: data.server.port }, problems);
  const browser = resolveBrowserSettings(data.browser, file, problems);
  for (const [index, check] of checks.entries()) {
    const first = checks.find((other) => other.id === check.id);
    if (first && first !== check && first.name !== check.name && checks.indexOf(first) < index) {
      problems.push({ path: ['checks'], message: `two checks resolve to the same id "${check.id}"; give them distinct names` });
    }
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    config: {
      file,
      site: data.site,
      deployments,
      pageTypes,
      checks,
      location: data.location,
      storage: {
        dataDir: isAbsolute(data.storage.dataDir) ? data.storage.dataDir : resolve(dirname(file), data.storage.dataDir),
        retention: data.storage.retention,
      },
      server: data.server,
      scheduler: data.scheduler,
      ...alerting,
      heartbeats,
      selfHeartbeat: data.selfHeartbeat ? { url: data.selfHeartbeat.url, everyMs: data.selfHeartbeat.every } : undefined,
      disparity,
      deployPlans,
      ...remediation,
      statusPage,
      browser,
    },
  };
}

function parseKindFields(check: unknown, index: number, problems: RawProblem[]): CheckSpec | undefined {
  if (check === null || typeof check !== 'object') return undefined;
  const kind = (check as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(checkKinds as readonly string[]).includes(kind)) {
    problems.push({
      path: ['checks', index, 'kind'],
      message: `expected one of ${checkKinds.join(', ')}, got ${JSON.stringify(kind)}`,
    });
    return undefined;
  }
  const ownFields = Object.fromEntries(Object.entries(check).filter(([key]) => !commonKeys.has(key) || key === 'kind'));
  const parsed = (checkDefinitions[kind as CheckKind].schema as z.ZodType<CheckSpec>).safeParse(ownFields);
  if (!parsed.success) {
    problems.push(...fromZod(parsed.error, ['checks', index]));
    return undefined;
  }
  return parsed.data;
}

/** Flow scripts are written relative to the config file, but the browser worker runs them from another directory. */
function withScriptsResolved(spec: CheckSpec | undefined, dir: string, index: number, problems: RawProblem[]): CheckSpec | undefined {
  if (spec?.kind !== 'browser') return spec;
  const at = (file: string, path: (string | number)[]): string => {
    const absolute = isAbsolute(file) ? file : resolve(dir, file);
    if (!existsSync(absolute)) problems.push({ path: ['checks', index, ...path], message: `no such file: ${absolute}` });
    return absolute;
  };
  return {
    ...spec,
    ...(spec.script ? { script: at(spec.script, ['script']) } : {}),
    ...(spec.cleanup?.script ? { cleanup: { ...spec.cleanup, script: at(spec.cleanup.script, ['cleanup', 'script']) } } : {}),
  };
}

function resolvePageTypes(data: ParsedConfig): PageType[] {
  return Object.entries(data.pageTypes).map(([name, pageType]) => ({
    name,
    kind: pageType.kind ?? ((standardPageTypes as readonly string[]).includes(name) ? name : 'custom'),
    paths: pageType.paths,
    revenuePerHour: pageType.revenuePerHour,
    runbook: pageType.runbook,
  }));
}

function crossCheck(data: ParsedConfig, problems: RawProblem[]): void {
  const deploymentNames = data.deployments.map((deployment) => deployment.name);
  deploymentNames.forEach((name, index) => {
    if (deploymentNames.indexOf(name) !== index) problems.push({ path: ['deployments', index, 'name'], message: `duplicate deployment name "${name}"` });
  });
  const names = new Set<string>();
  data.checks.forEach((check, index) => {
    if (names.has(check.name)) problems.push({ path: ['checks', index, 'name'], message: `duplicate check name "${check.name}"` });
    names.add(check.name);
    if (check.pageType !== undefined && !(check.pageType in data.pageTypes)) {
      problems.push({
        path: ['checks', index, 'pageType'],
        message: `expected one of the declared page types (${Object.keys(data.pageTypes).join(', ') || 'none declared'}), got "${check.pageType}"`,
      });
    }
    check.deployments?.forEach((name, position) => {
      if (!deploymentNames.includes(name)) {
        problems.push({
          path: ['checks', index, 'deployments', position],
          message: `expected one of the declared deployments (${deploymentNames.join(', ')}), got "${name}"`,
        });
      }
    });
    const interval = check.interval ?? data.defaults.interval;
    const timeout = check.timeout ?? data.defaults.timeout;
    if (timeout > interval) problems.push({ path: ['checks', index, 'timeout'], message: `expected a timeout no longer than the interval (${interval / 1000}s)` });
  });
}

/** A check on a page type with several paths and no path of its own becomes one check per path. */
function expandChecks(data: ParsedConfig, specs: (CheckSpec | undefined)[], pageTypes: PageType[]): Check[] {
  return data.checks.flatMap((check, index) => {
    const spec = specs[index];
    if (!spec) return [];
    const pageType = pageTypes.find((candidate) => candidate.name === check.pageType);
    const takesPath = (spec.kind === 'http' || spec.kind === 'browser') && !('path' in spec && spec.path) && !('url' in spec && spec.url);
    const paths = pageType && takesPath ? pageType.paths : [undefined];
    return paths.map((path): Check => {
      const resolvedSpec = (path ? { ...spec, path } : spec) as CheckSpec;
      const definition = checkDefinitions[resolvedSpec.kind] as { describe(spec: CheckSpec): string };
      return {
        id: path && paths.length > 1 ? `${check.name} [${path}]` : check.name,
        name: check.name,
        kind: resolvedSpec.kind,
        spec: resolvedSpec,
        pageType: check.pageType,
        intervalMs: check.interval ?? data.defaults.interval,
        timeoutMs: check.timeout ?? data.defaults.timeout,
        deployments: check.deployments ?? data.deployments.map((deployment) => deployment.name),
        locations: check.locations,
        tags: check.tags,
        enabled: check.enabled,
        runbook: check.runbook ?? pageType?.runbook,
        summary: definition.describe(resolvedSpec),
      };
    });
  });
}
