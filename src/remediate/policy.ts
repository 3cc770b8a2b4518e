import type { Incident } from '../incidents/model';
import type { ActionSetting, RemediationPolicy } from './model';

/**
 * Which policies are due, as a pure decision: the policy's deployment has an
 * open incident, confirmed down for at least `downFor` (counted from the
 * earliest confirmation among members still down). The guards then decide
 * whether the action may run (target green, once per incident, freeze,
 * confirmation).
 */

export type DuePolicy = { policy: RemediationPolicy; action: ActionSetting; incident: Incident; downSince: number };

export function duePolicies(input: { policies: readonly RemediationPolicy[]; actions: readonly ActionSetting[]; incidents: readonly Incident[]; now: number }): DuePolicy[] {
  return input.policies.flatMap((policy) => {
    const action = input.actions.find((candidate) => candidate.name === policy.action);
    if (!action) return [];
    return input.incidents.flatMap((incident) => {
      if (incident.deployment !== policy.deployment || incident.status === 'resolved') return [];
      const downSince = confirmedDownSince(incident);
      if (downSince === undefined || input.now - downSince < policy.downForMs) return [];
      return [{ policy, action, incident, downSince }];
    });
  });
}

/** When the deployment's current outage was first confirmed, or undefined when every member has recovered. */
export function confirmedDownSince(incident: Incident): number | undefined {
  const down = incident.members.filter((member) => member.recoveredAt === undefined);
  return down.length === 0 ? undefined : Math.min(...down.map((member) => member.confirmedAt));
}
