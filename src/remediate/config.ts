import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { fromZod, type RawProblem } from '../config/zod-problems';
import type { actionSchema, remediationSchema } from './config-schema';
import { defaultRemediation, type ActionSetting, type RemediationSettings } from './model';
import type { ProviderConfig } from './providers';
import { providerKinds, providerSchemas, type ProviderKind } from './providers/schemas';

type ParsedAction = z.output<typeof actionSchema>;
type ParsedRemediation = z.output<typeof remediationSchema>;

/** Actions (each provider validated by its own schema) and policies, with every name they mention checked. */
export function resolveRemediation(
  input: { actions: ParsedAction[]; remediation?: ParsedRemediation; deployments: { name: string; role: string }[]; configDir: string },
  problems: RawProblem[],
): { actions: ActionSetting[]; remediation: RemediationSettings } {
  const deploymentNames = input.deployments.map((d) => d.name);
  const known = (value: string, path: (string | number)[]) => {
    if (!deploymentNames.includes(value)) problems.push({ path, message: `expected one of the declared deployments (${deploymentNames.join(', ')}), got "${value}"` });
  };
  const primary = input.deployments.find((d) => d.role === 'primary')?.name ?? deploymentNames[0]!;
  const actions = input.actions.flatMap((action, index): ActionSetting[] => {
    const at = ['actions', index];
    if (input.actions.findIndex((other) => other.name === action.name) !== index) problems.push({ path: [...at, 'name'], message: `duplicate action name "${action.name}"` });
    const deployment = action.deployment ?? primary;
    if (action.deployment !== undefined) known(action.deployment, [...at, 'deployment']);
    if (action.toDeployment !== undefined) known(action.toDeployment, [...at, 'toDeployment']);
    if (action.kind === 'failover' && action.toDeployment === undefined) problems.push({ path: [...at, 'toDeployment'], message: 'expected the deployment a failover switches to (e.g. "backup")' });
    if (action.toDeployment !== undefined && action.toDeployment === deployment) problems.push({ path: [...at, 'toDeployment'], message: `expected a deployment other than "${deployment}", the one this action repairs` });
    const kind = action.provider.kind;
    if (!(providerKinds as string[]).includes(kind)) {
      problems.push({ path: [...at, 'provider', 'kind'], message: `expected one of ${providerKinds.join(', ')}, got ${JSON.stringify(kind)}` });
      return [];
    }
    const parsed = (providerSchemas[kind as ProviderKind] as z.ZodType<ProviderConfig>).safeParse(action.provider);
    if (!parsed.success) {
      problems.push(...fromZod(parsed.error, [...at, 'provider']));
      return [];
    }
    const provider = parsed.data.kind === 'command' ? { ...parsed.data, cwd: parsed.data.cwd && isAbsolute(parsed.data.cwd) ? parsed.data.cwd : resolve(input.configDir, parsed.data.cwd ?? '.') } : parsed.data;
    return [{ name: action.name, kind: action.kind, deployment, toDeployment: action.toDeployment, provider, requireConfirmation: action.requireConfirmation, timeoutMs: action.timeout, description: action.description }];
  });
  const remediation = input.remediation ?? { policies: [], recheckAfter: defaultRemediation.recheckAfterMs };
  const policies = remediation.policies.map((policy, index) => {
    const at = ['remediation', 'policies', index];
    if (remediation.policies.findIndex((other) => other.name === policy.name) !== index) problems.push({ path: [...at, 'name'], message: `duplicate policy name "${policy.name}"` });
    if (!input.actions.some((action) => action.name === policy.action)) {
      problems.push({ path: [...at, 'action'], message: `expected one of the declared actions (${input.actions.map((a) => a.name).join(', ') || 'none declared'}), got "${policy.action}"` });
    }
    const action = actions.find((candidate) => candidate.name === policy.action);
    const deployment = policy.when.deployment ?? action?.deployment ?? primary;
    if (policy.when.deployment !== undefined) known(policy.when.deployment, [...at, 'when', 'deployment']);
    // The incident that triggers the policy is the one the action's attempt is recorded on and guarded by.
    if (action && deploymentNames.includes(deployment) && deployment !== action.deployment) {
      problems.push({ path: [...at, 'when', 'deployment'], message: `expected "${action.deployment}", the deployment action "${action.name}" repairs, got "${deployment}"` });
    }
    return { name: policy.name, action: policy.action, deployment, downForMs: policy.when.downFor, requireTargetGreen: policy.when.requireTargetGreen };
  });
  return { actions, remediation: { policies, recheckAfterMs: remediation.recheckAfter } };
}
