import type { VigilConfig } from '../config/model';
import { incidentNotifications } from '../notify/fan-out';
import type { AlertStore } from '../notify/outbox';
import { acknowledge, resolve } from './lifecycle';
import type { Incident } from './model';

/**
 * What a person does to an incident, from the CLI or the API. Written straight
 * to the store with the notifications it causes; the running monitor's
 * dispatcher delivers them and its pipeline picks the change up.
 */
export class IncidentActionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    /** The request field at fault, when it is not the obvious one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

async function load(store: AlertStore, id: number): Promise<Incident> {
  const incident = await store.getIncident(id);
  if (!incident) throw new IncidentActionError(`no incident ${id}`, 404);
  return incident;
}

export async function acknowledgeIncident(store: AlertStore, config: VigilConfig, id: number, by: string, now: number): Promise<Incident> {
  const incident = await load(store, id);
  if (incident.status !== 'open') throw new IncidentActionError(`incident ${id} is ${incident.status}; only an open incident can be acknowledged`, 409);
  const change = acknowledge(incident, by, now);
  await store.writeAlerts({ health: [], incidents: [{ incident: change.incident, statusChanged: true }], timeline: change.timeline, outbox: incidentNotifications(config, 'incident.acknowledged', change.incident, now) });
  return change.incident;
}

export async function resolveIncident(store: AlertStore, config: VigilConfig, id: number, by: string, now: number, note?: string): Promise<Incident> {
  const incident = await load(store, id);
  if (incident.status === 'resolved') throw new IncidentActionError(`incident ${id} is already resolved`, 409);
  const change = resolve(incident, by, now, note);
  await store.writeAlerts({ health: [], incidents: [{ incident: change.incident, statusChanged: true }], timeline: change.timeline, outbox: incidentNotifications(config, 'incident.resolved', change.incident, now) });
  return change.incident;
}

export async function addNote(store: AlertStore, id: number, by: string, text: string, now: number, isPublic = false): Promise<void> {
  await load(store, id);
  await store.writeAlerts({ health: [], incidents: [], timeline: [{ incidentId: id, at: now, type: 'note', message: text, actor: by, ...(isPublic ? { public: true } : {}) }], outbox: [] });
}
