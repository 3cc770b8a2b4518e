import { actorOf } from './actor';
import { Hono } from 'hono';
import { ActionRequestError, runAction } from '../../remediate/run-action';
import type { ServerDeps } from '../app';
import { publishingStore } from '../../monitor/publishing-store';

/**
 * Remediation over HTTP: list actions and policies, run one (guarded like
 * everywhere else; `confirm: true` stands for the CLI's --yes), and read the
 * audit log. The re-check runs after the answer and lands in the audit log.
 */
export function actionsApi({ config, store, events }: ServerDeps): Hono {
  const api = new Hono();
  // An action's start, outcome and re-check land on its incident's timeline: an open incident page hears of each.
  const actionStore = events ? publishingStore(store, (results, alerts) => events.publishStored(config, results, alerts)) : store;

  api.get('/actions', (c) =>
    c.json({
      actions: config.actions.map(({ provider, ...action }) => ({ ...action, provider: provider.kind })),
      policies: config.remediation.policies,
      recheckAfterMs: config.remediation.recheckAfterMs,
    }),
  );

  api.get('/actions/audit', async (c) => {
    const incident = c.req.query('incident');
    if (incident !== undefined && !/^\d+$/.test(incident)) return c.json({ error: 'expected an incident number', field: 'incident' }, 400);
    const limit = Number(c.req.query('limit') ?? 100);
    return c.json({ attempts: await store.listAttempts({ incidentId: incident === undefined ? undefined : Number(incident), action: c.req.query('action'), limit: Number.isFinite(limit) ? limit : 100 }) });
  });

  api.post('/actions/:name/run', async (c) => {
    let body: Record<string, unknown>;
    try {
      const text = await c.req.text();
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return c.json({ error: 'expected a JSON object', field: 'body' }, 400);
      body = parsed as Record<string, unknown>;
    } catch {
      return c.json({ error: 'expected a JSON body', field: 'body' }, 400);
    }
    const incident = body.incident;
    if (incident !== undefined && !(typeof incident === 'number' && Number.isInteger(incident) && incident > 0)) return c.json({ error: 'expected an incident number', field: 'incident' }, 400);
    for (const field of ['confirm', 'force'] as const) {
      if (body[field] !== undefined && typeof body[field] !== 'boolean') return c.json({ error: `expected true or false`, field }, 400);
    }
    try {
      const result = await runAction({
        config,
        store: actionStore,
        action: c.req.param('name'),
        incidentId: incident as number | undefined,
        trigger: 'api',
        actor: `api:${actorOf(c.get('actor'), body)}`,
        confirmed: body.confirm === true,
        force: body.force === true,
      });
      // The re-check finishes after this answer and records itself on the attempt (it never rejects).
      void result.recheck;
      const attempt = result.attempt!;
      const status = attempt.status === 'succeeded' ? 200 : attempt.status === 'failed' ? 502 : 409;
      return c.json({ attempt, ...(attempt.status === 'succeeded' ? {} : { error: attempt.reason }) }, status);
    } catch (error) {
      if (error instanceof ActionRequestError) return c.json({ error: error.message, field: error.status === 404 && error.message.startsWith('no incident') ? 'incident' : 'name' }, error.status);
      throw error;
    }
  });
  return api;
}
