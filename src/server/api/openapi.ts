import { Hono } from 'hono';
import type { ServerDeps } from '../app';
import { cellStates } from './grid-model';
import { MAX_PAGE_SIZE } from './grid';

/**
 * The OpenAPI 3.1 description of /api/v1, written by hand next to the routes
 * (test/api-openapi.test.ts fails when a registered route is missing here).
 * Schemas mirror src/server/api/contract.ts.
 */

type Json = Record<string, unknown>;
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: Json): Json => ({ type: 'array', items });
const nullable = (type: string, extra: Json = {}): Json => ({ type: [type, 'null'], ...extra });
const obj = (properties: Record<string, Json>, required = Object.keys(properties), extra: Json = {}): Json => ({ type: 'object', properties, required, ...extra });
const str = (description?: string, extra: Json = {}): Json => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const int = (description?: string, extra: Json = {}): Json => ({ type: 'integer', ...(description ? { description } : {}), ...extra });
const epoch = (description: string): Json => int(`${description} (epoch ms)`);
const ratio = (description: string): Json => nullable('number', { minimum: 0, maximum: 1, description });
const counts: Json = obj(Object.fromEntries(cellStates.map((state) => [state, int()])));

const schemas: Record<string, Json> = {
  Error: obj({ error: str('What went wrong, in words'), field: str('The parameter, path segment or body field at fault') }, ['error']),
  Ok: obj({ ok: { const: true } }),
  Role: { type: 'string', enum: ['admin', 'editor', 'viewer'] },
  User: obj({ name: str(), role: ref('Role'), createdAt: epoch('Created') }),
  AuthState: obj({ needsSetup: { type: 'boolean', description: 'No user exists yet: POST /auth/setup creates the first admin' }, user: { oneOf: [ref('User'), { type: 'null' }] }, csrfToken: nullable('string', { description: 'Send as x-vigil-csrf on cookie-authenticated writes' }) }),
  Credentials: obj({ username: str(), password: str(undefined, { format: 'password' }) }),
  NewUser: obj({ username: str(), password: str(undefined, { format: 'password' }), role: ref('Role') }),
  TokenScope: { type: 'string', enum: ['read', 'write'] },
  ApiToken: obj({ id: int(), name: str(), scope: ref('TokenScope'), createdBy: str(), createdAt: epoch('Created'), lastUsedAt: nullable('integer'), revokedAt: nullable('integer') }),
  CreatedToken: { allOf: [ref('ApiToken'), obj({ secret: str('Shown once; send as `Authorization: Bearer <secret>`') })] },
  NewToken: obj({ name: str(), scope: ref('TokenScope') }),
  CellState: { type: 'string', enum: cellStates, description: '`confirming`: failing, not confirmed yet' },
  GridCell: obj({ checkId: str(), deployment: str(), state: ref('CellState'), lastRunAt: nullable('integer'), durationMs: nullable('number'), error: nullable('string', { description: "The last failure's one-line reason" }) }),
  GridRow: obj({ checkId: str(), name: str(), kind: str(), pageType: nullable('string'), tags: arrayOf(str()), summary: str(), cells: { type: 'object', additionalProperties: ref('GridCell'), description: 'By deployment name' } }),
  DeploymentInfo: obj({ name: str(), role: { type: 'string', enum: ['primary', 'backup'] }, baseUrl: str(undefined, { format: 'uri' }), provider: nullable('string') }),
  GridPage: obj({
    deployments: arrayOf(ref('DeploymentInfo')),
    rows: arrayOf(ref('GridRow')),
    total: int('Rows matching the filter'),
    page: int(),
    pageSize: int(),
    counts: { ...counts, description: 'Cells by state over every row matching the filter (only the chosen deployment with `deployment=`)' },
    facets: obj({ tags: arrayOf(str()), pageTypes: arrayOf(str()), kinds: arrayOf(str()) }),
  }),
  UptimeSummary: obj({ window: { type: 'string', enum: ['24h', '7d', '30d', '90d'] }, ratio: ratio('Share of passing runs'), runs: int(), failures: int() }),
  CheckDetail: obj({ row: ref('GridRow'), intervalMs: int(), timeoutMs: int(), runbook: nullable('string'), uptime: { type: 'object', additionalProperties: arrayOf(ref('UptimeSummary')), description: 'By deployment name' } }),
  SeriesPoint: obj(
    { t: epoch('Bucket start'), avgMs: nullable('number'), maxMs: nullable('number'), runs: int(), failures: int(), phases: { type: 'object', additionalProperties: { type: 'number' }, description: 'Average http phases (dns, connect, tls, firstByte, download) in ms, from the newest 1,000 raw results of the window' } },
    ['t', 'avgMs', 'maxMs', 'runs', 'failures'],
  ),
  Series: obj({ checkId: str(), deployment: str(), resolution: { type: 'string', enum: ['minute', 'hour'] }, points: arrayOf(ref('SeriesPoint')) }),
  UptimeBar: obj({ day: str('UTC day', { format: 'date' }), ratio: ratio('Share of passing runs that day; null without runs'), runs: int(), failures: int() }),
  CheckSummary: { type: 'object', description: 'A configured check with the last result per deployment' },
  Result: obj(
    { id: int(), checkId: str(), deployment: str(), location: str(), startedAt: epoch('Started'), ok: { type: 'boolean' }, durationMs: { type: 'number' }, error: str(), phases: { type: 'object' }, assertions: arrayOf({ type: 'object' }), details: { type: 'object', description: 'Kind-specific; browser runs: steps and evidence (see /artifacts)' } },
    ['id', 'checkId', 'deployment', 'location', 'startedAt', 'ok', 'durationMs', 'assertions'],
  ),
  Uptime: obj({ checkId: str(), deployment: str(), runs: int(), failures: int(), ratio: ratio('Share of passing runs'), avgDurationMs: nullable('number') }),
  Incident: obj(
    { id: int(), deployment: str(), title: str(), status: { type: 'string', enum: ['open', 'acknowledged', 'resolved'] }, severity: { type: 'string', enum: ['critical', 'warning'] }, firstFailureAt: int(), openedAt: int(), acknowledgedAt: int(), acknowledgedBy: str(), resolvedAt: int(), resolvedBy: str(), members: arrayOf({ type: 'object' }), runbookUrl: str() },
    ['id', 'deployment', 'title', 'status', 'severity', 'firstFailureAt', 'openedAt', 'members'],
  ),
  TimelineEntry: obj({ incidentId: int(), at: int(), type: str(), message: str(), actor: str(), public: { type: 'boolean', description: 'Shown on the status page' } }, ['incidentId', 'at', 'type', 'message']),
  HeartbeatInfo: obj({ name: str(), state: { type: 'string', enum: ['new', 'up', 'late', 'down'] }, lastPingAt: nullable('integer'), lastPingKind: nullable('string'), nextExpectedAt: nullable('integer'), schedule: str(), tags: arrayOf(str()) }),
  Ping: obj({ id: int(), at: int(), kind: { type: 'string', enum: ['success', 'start', 'fail', 'log', 'exit'] }, exitCode: int(), runId: str(), body: str(), truncated: { type: 'boolean' }, sourceIp: str(), userAgent: str(), method: str() }, ['id', 'at', 'kind', 'truncated', 'method']),
  DeploymentStatus: { allOf: [ref('DeploymentInfo'), obj({ counts, uptime24h: ratio('Over all its checks') })] },
  MaintenanceInfo: obj({ name: str(), kind: str(), activeNow: { type: 'boolean' }, nextStart: nullable('integer'), nextEnd: nullable('integer'), description: str() }),
};

const json = (schema: Json, description = 'OK'): Json => ({ description, content: { 'application/json': { schema } } });
const errorResponse = (description: string): Json => json(ref('Error'), description);
const query = (name: string, schema: Json, description: string, required = false): Json => ({ name, in: 'query', required, description, schema });
const path = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const body = (schema: Json, required = true): Json => ({ required, content: { 'application/json': { schema } } });
const deploymentQuery = (description = 'A deployment name; default the check’s first'): Json => query('deployment', { type: 'string' }, description);

type Operation = { summary: string; tags: string[]; parameters?: Json[]; requestBody?: Json; responses: Record<string, Json>; security?: Json[]; description?: string };

const readErrors = { '400': errorResponse('A parameter was refused; `field` names it'), '401': errorResponse('Not logged in and no valid token') };
const writeErrors = { ...readErrors, '403': errorResponse('Role or token scope does not allow this, or the CSRF header is missing') };
const publicRoute: Json[] = [];

const incidentId = path('id', 'Incident number');
const checkId = path('id', 'Check id, URL-encoded (e.g. `product%20page%20%5B%2Fproducts%2Fa%5D`)');

const operations: Record<string, Record<string, Operation>> = {
  '/auth/state': { get: { summary: 'Whether setup is needed, who is logged in, and the CSRF token', tags: ['auth'], security: publicRoute, responses: { '200': json(ref('AuthState')) } } },
  '/auth/setup': { post: { summary: 'Create the first admin (only while no user exists); logs in', tags: ['auth'], security: publicRoute, requestBody: body(ref('Credentials')), responses: { '200': json(ref('AuthState')), '400': errorResponse('Invalid username or password'), '409': errorResponse('A user already exists') } } },
  '/auth/login': { post: { summary: 'Log in with a password; sets the session cookie', tags: ['auth'], security: publicRoute, requestBody: body(ref('Credentials')), responses: { '200': json(ref('AuthState')), '401': errorResponse('Wrong username or password'), '429': errorResponse('Too many attempts; retry later') } } },
  '/auth/logout': { post: { summary: 'End the session', tags: ['auth'], responses: { '200': json(ref('Ok')), ...writeErrors } } },
  '/users': {
    get: { summary: 'List users (admin)', tags: ['users'], responses: { '200': json(obj({ users: arrayOf(ref('User')) })), ...readErrors, '403': errorResponse('Admins only') } },
    post: { summary: 'Create a user (admin)', tags: ['users'], requestBody: body(ref('NewUser')), responses: { '200': json(ref('User')), ...writeErrors, '409': errorResponse('The name is taken') } },
  },
  '/users/{name}': {
    delete: { summary: 'Delete a user (admin); the last admin cannot be removed', tags: ['users'], parameters: [path('name', 'User name')], responses: { '200': json(ref('Ok')), ...writeErrors, '404': errorResponse('No such user') } },
    patch: {
      summary: "Change a user's role or password (admin); their sessions end on a password change",
      tags: ['users'],
      parameters: [path('name', 'User name')],
      requestBody: body(obj({ role: { type: 'string', enum: ['admin', 'editor', 'viewer'] }, password: str('At least 10 characters', { minLength: 10 }) })),
      responses: { '200': json(obj({ user: ref('User') })), ...writeErrors, '404': errorResponse('No such user') },
    },
  },
  '/tokens': {
    get: { summary: 'List API tokens (secrets are never shown again)', tags: ['tokens'], responses: { '200': json(obj({ tokens: arrayOf(ref('ApiToken')) })), ...readErrors } },
    post: { summary: 'Create an API token; the secret is in this answer only', tags: ['tokens'], requestBody: body(ref('NewToken')), responses: { '200': json(ref('CreatedToken')), ...writeErrors } },
  },
  '/tokens/{id}': { delete: { summary: 'Revoke a token', tags: ['tokens'], parameters: [path('id', 'Token id')], responses: { '200': json(ref('Ok')), ...writeErrors, '404': errorResponse('No such token') } } },

  '/grid': {
    get: {
      summary: 'The status grid: checks × deployments, filtered and paged on the server',
      tags: ['checks'],
      parameters: [
        query('tag', { type: 'string' }, 'Only checks with this tag'),
        query('pageType', { type: 'string' }, 'Only checks of this page type'),
        query('deployment', { type: 'string' }, 'Only checks running on this deployment; `state` and `counts` then look at its cells only'),
        query('state', { type: 'string', enum: cellStates }, 'Only rows with a cell in this state'),
        query('kind', { type: 'string' }, 'Only checks of this kind (http, browser, dns…)'),
        query('q', { type: 'string', maxLength: 200 }, 'Search in name and summary (case-insensitive)'),
        query('page', { type: 'integer', minimum: 1, default: 1 }, 'Page number'),
        query('pageSize', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 }, 'Rows per page'),
      ],
      responses: { '200': json(ref('GridPage')), ...readErrors },
    },
  },
  '/checks': { get: { summary: 'Every configured check with its last result per deployment', tags: ['checks'], responses: { '200': json(obj({ checks: arrayOf(ref('CheckSummary')) })), ...readErrors } } },
  '/checks/{id}': { get: { summary: 'One check: its cells and uptime over 24 h, 7 d, 30 d and 90 d', tags: ['checks'], parameters: [checkId], responses: { '200': json(ref('CheckDetail')), ...readErrors, '404': errorResponse('No such check') } } },
  '/checks/{id}/series': {
    get: {
      summary: 'Response-time series: minute buckets up to 48 h, hour buckets beyond',
      tags: ['checks'],
      parameters: [checkId, deploymentQuery(), query('window', { type: 'string', default: '24h' }, 'A duration from 1m to 400d, e.g. 1h, 24h, 30d')],
      responses: { '200': json(ref('Series')), ...readErrors, '404': errorResponse('No such check') },
    },
  },
  '/checks/{id}/uptime-bars': {
    get: {
      summary: 'Daily uptime bars (UTC days, oldest first), from hour rollups',
      tags: ['checks'],
      parameters: [checkId, deploymentQuery(), query('days', { type: 'integer', minimum: 1, maximum: 400, default: 90 }, 'How many days, today included')],
      responses: { '200': json(arrayOf(ref('UptimeBar'))), ...readErrors, '404': errorResponse('No such check') },
    },
  },
  '/results': {
    get: {
      summary: 'Stored results, newest first, keyset-paged',
      tags: ['checks'],
      parameters: [query('check', { type: 'string' }, 'Check id'), query('deployment', { type: 'string' }, 'Deployment name'), query('failed', { type: 'string', enum: ['true', 'false'] }, 'Only failed runs'), query('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 50 }, 'Page size'), query('before', { type: 'integer' }, 'Results with an id below this')],
      responses: { '200': json(obj({ results: arrayOf(ref('Result')), next: nullable('string', { description: 'Query string of the next page' }) })), ...readErrors },
    },
    post: {
      summary: 'Record results run elsewhere (`vigil test --record` in CI); stored like scheduled runs, not alerted on',
      tags: ['checks'],
      requestBody: body(obj({ results: arrayOf(ref('Result')) }, ['results'])),
      responses: { '200': json(obj({ stored: { type: 'integer' } })), ...writeErrors },
    },
  },
  '/uptime': {
    get: {
      summary: 'Uptime over a window, per check × deployment',
      tags: ['checks'],
      parameters: [query('window', { type: 'string', default: '24h' }, 'A duration such as 24h, 7d or 90d'), query('check', { type: 'string' }, 'Check id'), query('deployment', { type: 'string' }, 'Deployment name')],
      responses: { '200': json(obj({ from: int(), to: int(), uptime: arrayOf(ref('Uptime')) })), ...readErrors },
    },
  },
  '/incidents': {
    get: {
      summary: 'Incidents, newest first (at most 200)',
      tags: ['incidents'],
      parameters: [query('status', { type: 'string', enum: ['unresolved', 'resolved', 'all'], default: 'unresolved' }, 'Which incidents'), query('deployment', { type: 'string' }, 'Deployment name')],
      responses: { '200': json(obj({ incidents: arrayOf(ref('Incident')) })), ...readErrors },
    },
  },
  '/incidents/{id}': { get: { summary: 'One incident with its timeline', tags: ['incidents'], parameters: [incidentId], responses: { '200': json(obj({ incident: ref('Incident'), timeline: arrayOf(ref('TimelineEntry')) })), ...readErrors, '404': errorResponse('No such incident') } } },
  '/incidents/{id}/ack': {
    post: { summary: 'Acknowledge an open incident', tags: ['incidents'], parameters: [incidentId], requestBody: body(obj({ by: str('Who acknowledges') }, []), false), responses: { '200': json(obj({ incident: ref('Incident') })), ...writeErrors, '404': errorResponse('No such incident'), '409': errorResponse('Not open') } },
  },
  '/incidents/{id}/resolve': {
    post: { summary: 'Resolve an incident', tags: ['incidents'], parameters: [incidentId], requestBody: body(obj({ by: str(), note: str('Added to the timeline') }, []), false), responses: { '200': json(obj({ incident: ref('Incident') })), ...writeErrors, '404': errorResponse('No such incident'), '409': errorResponse('Already resolved') } },
  },
  '/incidents/{id}/notes': {
    post: {
      summary: 'Add a note to the timeline; `public: true` also shows it on the status page',
      tags: ['incidents'],
      parameters: [incidentId],
      requestBody: body(obj({ text: str(undefined, { maxLength: 2000 }), public: { type: 'boolean', default: false }, by: str() }, ['text'])),
      responses: { '200': json(obj({ incident: ref('Incident') })), ...writeErrors, '404': errorResponse('No such incident') },
    },
  },
  '/compare': {
    get: {
      summary: 'Deployments side by side per page type and check: status, latency p50/p95, extracted values, uptime and open disparities',
      tags: ['deployments'],
      parameters: [query('window', { type: 'string', default: '1h' }, 'A duration such as 15m, 1h or 1d'), query('check', { type: 'string' }, 'Only this check (by name or id)')],
      responses: { '200': json({ type: 'object', description: 'Comparison (src/monitor/disparity-comparison.ts)' }), ...readErrors, '404': errorResponse('No such check') },
    },
  },
  '/disparities': {
    get: { summary: 'Open disparities between deployments (status, latency, content) with both values', tags: ['deployments'], responses: { '200': json(obj({ disparities: arrayOf({ type: 'object' }) })), ...readErrors } },
  },
  '/actions': {
    get: { summary: 'Configured remediation actions (failover, rollback) and their targets', tags: ['actions'], responses: { '200': json(obj({ actions: arrayOf({ type: 'object' }) })), ...readErrors } },
  },
  '/actions/audit': {
    get: {
      summary: 'The audit log of action attempts: who or which policy, refused/succeeded/failed, output, re-check',
      tags: ['actions'],
      parameters: [query('incident', { type: 'integer', minimum: 1 }, 'Only attempts for this incident'), query('action', { type: 'string' }, 'Only this action'), query('limit', { type: 'integer', minimum: 1, default: 100 }, 'How many')],
      responses: { '200': json(obj({ attempts: arrayOf({ type: 'object' }) })), ...readErrors },
    },
  },
  '/actions/{name}/run': {
    post: {
      summary: 'Run an action through its guards (target green, once per incident, freezes, confirmation)',
      tags: ['actions'],
      parameters: [path('name', 'Action name')],
      requestBody: body(obj({ incident: { type: 'integer', minimum: 1 }, confirm: { type: 'boolean' }, force: { type: 'boolean' }, by: str() })),
      responses: {
        '200': json(obj({ attempt: { type: 'object' } })),
        ...writeErrors,
        '404': errorResponse('No such action or incident'),
        '409': errorResponse('Refused by a guard, or awaiting confirmation; the reason is in `error`'),
        '502': errorResponse('The provider failed; the attempt is recorded as failed'),
      },
    },
  },
  '/heartbeats': { get: { summary: 'Heartbeats with their state, last ping and next expected run', tags: ['heartbeats'], responses: { '200': json(obj({ heartbeats: arrayOf(ref('HeartbeatInfo')) })), ...readErrors } } },
  '/heartbeats/{name}/pings': {
    get: { summary: 'Recent pings of a heartbeat, newest first', tags: ['heartbeats'], parameters: [path('name', 'Heartbeat name'), query('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 50 }, 'How many')], responses: { '200': json(obj({ heartbeat: str(), pings: arrayOf(ref('Ping')) })), ...readErrors, '404': errorResponse('No such heartbeat') } },
  },
  '/deployments': { get: { summary: 'Deployments side by side: cell counts and 24 h uptime', tags: ['deployments'], responses: { '200': json(obj({ deployments: arrayOf(ref('DeploymentStatus')) })), ...readErrors } } },
  '/maintenance': { get: { summary: 'Maintenance windows and deploy freezes, with whether each is active', tags: ['maintenance'], responses: { '200': json(obj({ windows: arrayOf(ref('MaintenanceInfo')) })), ...readErrors } } },
  '/artifacts/{path}': {
    get: {
      summary: 'Failure evidence of browser runs (screenshots, traces) from <dataDir>/artifacts',
      description: 'The path is relative to the artifacts folder and may contain slashes; `..` and absolute paths are refused with 400.',
      tags: ['checks'],
      parameters: [{ name: 'path', in: 'path', required: true, description: 'Relative path, e.g. `checkout flow/2026-11-25T10-00-00-primary/failure.png`', schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The file', content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } }, 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } }, 'application/octet-stream': { schema: { type: 'string' } } } },
        ...readErrors,
        '404': errorResponse('No such file'),
      },
    },
  },
  '/events': {
    get: {
      summary: 'Live updates as server-sent events',
      description: 'Events `cell` (GridCell), `incident` ({ id, status, title }) and `heartbeat` (HeartbeatInfo), data as JSON; a comment line every 15 s. A slow client receives the latest state of each subject, not every intermediate one.',
      tags: ['live'],
      responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...readErrors },
    },
  },
  '/openapi.json': { get: { summary: 'This document', tags: ['meta'], security: publicRoute, responses: { '200': json({ type: 'object' }) } } },
};

export function openApiDocument(serverUrl = '/api/v1'): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil API',
      version: '1',
      description: 'Checks, results, uptime, incidents, heartbeats, deployments and maintenance of a Vigil instance. Errors are `{ error, field }` with a 4xx/5xx status.',
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [], csrf: [] }, { bearer: [] }],
    tags: ['auth', 'users', 'tokens', 'checks', 'incidents', 'heartbeats', 'deployments', 'maintenance', 'live', 'meta'].map((name) => ({ name })),
    paths: operations,
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'vigil_session', description: 'Set by /auth/login or /auth/setup (HttpOnly)' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-vigil-csrf', description: 'The session’s CSRF token (from /auth/state); required on cookie-authenticated requests other than GET/HEAD' },
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (POST /tokens); `read` scope for GET, `write` for changes' },
      },
    },
  };
}

/** The documented paths, in Hono's notation (`:id`, `*`), for the completeness test. */
export const documentedPaths = (): string[] => Object.keys(operations);

export function openApiRoute(_deps: ServerDeps): Hono {
  const api = new Hono();
  const document = JSON.stringify(openApiDocument());
  api.get('/openapi.json', (c) => c.body(document, 200, { 'content-type': 'application/json; charset=utf-8' }));
  return api;
}
