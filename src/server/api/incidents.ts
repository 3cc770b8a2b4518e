import { actorOf } from './actor';
import { Hono } from 'hono';
import { acknowledgeIncident, addNote, IncidentActionError, resolveIncident } from '../../incidents/actions';
import type { ServerDeps } from '../app';
import type { Incident } from '../../incidents/model';

/** Incidents over HTTP: list, one with its timeline, acknowledge, resolve, add a note. */
export function incidentsApi({ config, store, events }: ServerDeps): Hono {
  const api = new Hono();

  const idOf = (raw: string) => (/^\d+$/.test(raw) ? Number(raw) : undefined);
  const bodyOf = async (request: Request): Promise<Record<string, unknown>> => {
    const text = await request.text();
    if (!text) return {};
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  };
  const actor = actorOf;

  api.get('/incidents', async (c) => {
    const status = c.req.query('status') ?? 'unresolved';
    if (!['unresolved', 'resolved', 'all'].includes(status)) return c.json({ error: 'expected unresolved, resolved or all', field: 'status' }, 400);
    const incidents = await store.listIncidents({ status: status as 'unresolved', deployment: c.req.query('deployment'), limit: 200 });
    return c.json({ incidents });
  });

  api.get('/incidents/:id', async (c) => {
    const id = idOf(c.req.param('id'));
    const incident = id === undefined ? undefined : await store.getIncident(id);
    if (!incident) return c.json({ error: `no incident ${c.req.param('id')}`, field: 'id' }, 404);
    return c.json({ incident, timeline: await store.timeline(incident.id) });
  });

  const action = (run: (id: number, body: Record<string, unknown>, by: string) => Promise<unknown>) => async (c: { req: { param(name: string): string; raw: Request }; get(key: 'actor'): string | undefined; json(body: unknown, status?: 200 | 400 | 404 | 409): Response }) => {
    const id = idOf(c.req.param('id'));
    if (id === undefined) return c.json({ error: 'expected an incident number', field: 'id' }, 400);
    let body: Record<string, unknown>;
    try {
      body = await bodyOf(c.req.raw);
    } catch {
      return c.json({ error: 'expected a JSON body', field: 'body' }, 400);
    }
    try {
      const incident = (await run(id, body, actor(c.get('actor'), body))) as Incident | undefined;
      // Other open dashboards see a person's acknowledgement or resolution at once.
      if (incident) events?.publish({ type: 'incident', data: { id: incident.id, status: incident.status, title: incident.title } });
      return c.json({ incident });
    } catch (error) {
      if (error instanceof IncidentActionError) return c.json({ error: error.message, field: error.field ?? (error.status === 400 ? 'text' : 'id') }, error.status);
      throw error;
    }
  };

  api.post('/incidents/:id/ack', action((id, _body, by) => acknowledgeIncident(store, config, id, by, Date.now())));
  api.post('/incidents/:id/resolve', action((id, body, by) => resolveIncident(store, config, id, by, Date.now(), typeof body.note === 'string' ? body.note : undefined)));
  api.post(
    '/incidents/:id/notes',
    action(async (id, body, by) => {
      if (typeof body.text !== 'string' || body.text.trim() === '') throw new IncidentActionError('expected a non-empty "text"', 400);
      // `public: true` publishes the note on the status page; anything else is a mistake worth naming.
      if (body.public !== undefined && typeof body.public !== 'boolean') throw new IncidentActionError('expected "public" to be true or false', 400, 'public');
      await addNote(store, id, by, body.text.trim().slice(0, 2000), Date.now(), body.public === true);
      return store.getIncident(id);
    }),
  );
  return api;
}
