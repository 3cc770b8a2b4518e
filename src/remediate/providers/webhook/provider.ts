import { signWebhookBody } from '../../../notify/channels/webhook/signature';
import type { ActionRequest, RemediationProvider } from '../../types';
import { callApi } from '../http';
import { webhookProviderSchema, type WebhookProviderConfig } from './schema';

/**
 * A signed POST describing the action, for teams whose failover is their own
 * script behind an endpoint. Signed exactly like the webhook channel, so one
 * receiver can verify both with `verifyWebhookSignature`.
 */
export const webhookProvider = {
  kind: 'webhook',
  schema: webhookProviderSchema,
  async run(settings, request, ctx) {
    const body = JSON.stringify(actionBody(request));
    const headers: Record<string, string> = { ...settings.headers, 'content-type': 'application/json; charset=utf-8', 'x-vigil-event': `action.${request.kind}` };
    if (settings.secret) {
      const timestamp = Math.floor(Date.now() / 1000);
      headers['x-vigil-timestamp'] = String(timestamp);
      headers['x-vigil-signature'] = signWebhookBody(body, timestamp, settings.secret);
    }
    const secrets = [settings.secret ?? '', ...Object.values(settings.headers ?? {})].filter(Boolean);
    const answer = await callApi({ service: 'Action webhook', method: 'POST', url: settings.url, headers, body, ctx, secrets });
    return { ok: true, output: `webhook answered ${answer.status}`, providerResponse: answer.json ?? answer.text.slice(0, 2000) };
  },
} satisfies RemediationProvider<'webhook', WebhookProviderConfig>;

/** Version 1 of the action body (docs/remediation.md). `event` and `title` let alert inboxes show it too. */
export function actionBody(request: ActionRequest): Record<string, unknown> {
  const switchTo = request.toDeployment ? ` to ${request.toDeployment}` : '';
  return {
    version: 1,
    event: `action.${request.kind}`,
    title: `${request.kind} ${request.deployment}${switchTo} (${request.action}) by ${request.actor}`,
    kind: request.kind,
    action: request.action,
    target: { deployment: request.deployment, ...(request.toDeployment ? { toDeployment: request.toDeployment } : {}) },
    ...(request.incidentId === undefined ? {} : { incident: { id: request.incidentId } }),
    reason: request.reason,
    actor: request.actor,
    attemptId: request.attemptId,
    at: new Date(request.at).toISOString(),
  };
}
