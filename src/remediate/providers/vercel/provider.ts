import type { RemediationProvider } from '../../types';
import { bearer, callApi, joinUrl } from '../http';
import { vercelProviderSchema, type VercelProviderConfig } from './schema';

/** Points a Vercel project's production domains at an existing deployment, without rebuilding it. */
export const vercelProvider = {
  kind: 'vercel',
  schema: vercelProviderSchema,
  async run(settings, _request, ctx) {
    const project = encodeURIComponent(settings.projectId);
    const deployment = encodeURIComponent(settings.deploymentId);
    const path = settings.mode === 'promote' ? `/v10/projects/${project}/promote/${deployment}` : `/v1/projects/${project}/rollback/${deployment}`;
    const query = settings.teamId ? `?teamId=${encodeURIComponent(settings.teamId)}` : '';
    const answer = await callApi({ service: 'Vercel', method: 'POST', url: joinUrl(settings.apiUrl, path + query), headers: bearer(settings.token), ctx, secrets: [settings.token] });
    // 201 done, 202 accepted: Vercel finishes the switch asynchronously, which is why run-action re-checks afterwards.
    const verb = settings.mode === 'promote' ? 'promotion' : 'rollback';
    return { ok: true, output: `Vercel ${answer.status === 202 ? 'accepted the' : 'completed the'} ${verb} to ${settings.deploymentId}`, providerResponse: answer.json ?? { status: answer.status } };
  },
} satisfies RemediationProvider<'vercel', VercelProviderConfig>;
