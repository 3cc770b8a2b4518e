import { ProviderError, type ProviderContext, type RemediationProvider } from '../../types';
import { bearer, callApi, joinUrl } from '../http';
import { netlifyProviderSchema, type NetlifyProviderConfig } from './schema';

type NetlifyDeploy = { id: string; state?: string; context?: string; published_at?: string | null; created_at?: string };

/**
 * Rolls a Netlify site back by restoring an earlier deploy
 * (`POST /api/v1/sites/{site_id}/deploys/{deploy_id}/restore`).
 */
export const netlifyProvider = {
  kind: 'netlify',
  schema: netlifyProviderSchema,
  async run(settings, _request, ctx) {
    const deployId = settings.deployId ?? (await previousPublishedDeploy(settings, ctx));
    const answer = await callApi({
      service: 'Netlify',
      method: 'POST',
      url: joinUrl(settings.apiUrl, `/api/v1/sites/${encodeURIComponent(settings.siteId)}/deploys/${encodeURIComponent(deployId)}/restore`),
      headers: bearer(settings.token),
      ctx,
      secrets: [settings.token],
    });
    const restored = answer.json as NetlifyDeploy | undefined;
    return { ok: true, output: `Netlify restored deploy ${deployId}${restored?.state ? ` (state ${restored.state})` : ''}`, providerResponse: answer.json };
  },
} satisfies RemediationProvider<'netlify', NetlifyProviderConfig>;

/** The production deploy published before the live one: published deploys sorted newest first, the second. */
async function previousPublishedDeploy(settings: NetlifyProviderConfig, ctx: ProviderContext): Promise<string> {
  const answer = await callApi({
    service: 'Netlify',
    method: 'GET',
    url: joinUrl(settings.apiUrl, `/api/v1/sites/${encodeURIComponent(settings.siteId)}/deploys?per_page=20`),
    headers: bearer(settings.token),
    ctx,
    secrets: [settings.token],
  });
  if (!Array.isArray(answer.json)) throw new ProviderError('Netlify listed deploys in an unexpected shape (expected an array)', { providerResponse: answer.text.slice(0, 500) });
  const published = (answer.json as NetlifyDeploy[])
    .filter((deploy) => typeof deploy.id === 'string' && deploy.state === 'ready' && deploy.published_at && (deploy.context ?? 'production') === 'production')
    .sort((a, b) => Date.parse(b.published_at!) - Date.parse(a.published_at!));
  const previous = published[1];
  if (!previous) throw new ProviderError(`Netlify has no earlier published deploy of site ${settings.siteId} to restore (found ${published.length}); set deployId`);
  return previous.id;
}
