/**
 * The shapes the dashboard reads and writes, shared by the server (which
 * implements them) and the SPA in src/web (which imports these types only).
 * Types only: importing this file pulls no server code into the browser bundle.
 *
 * Every error is `ApiError` with a 4xx/5xx status. Authentication: a session
 * cookie (`vigil_session`, HttpOnly) set by login/setup, or `Authorization:
 * Bearer <token>`. Cookie-authenticated requests other than GET/HEAD must send
 * the session's CSRF token in the `x-vigil-csrf` header; token requests need none.
 */

export type ApiError = { error: string; field?: string };

export type Role = 'admin' | 'editor' | 'viewer';
export type User = { name: string; role: Role; createdAt: number };

/** GET /api/v1/auth/state (public). */
export type AuthState = { needsSetup: boolean; user: User | null; csrfToken: string | null };
/** POST /api/v1/auth/setup (only while no user exists) and POST /api/v1/auth/login take this; both answer AuthState. */
export type Credentials = { username: string; password: string };
/** POST /api/v1/auth/logout answers `{ ok: true }`. */
/**
 * Admin only: GET /api/v1/users → { users: User[] }; POST /api/v1/users { name, role, password } → 201 { user };
 * PATCH /api/v1/users/:name { role?, password? } → { user }; DELETE /api/v1/users/:name → { ok: true }.
 * Passwords need at least 10 characters (400 with field `password` otherwise).
 */

export type TokenScope = 'read' | 'write';
/** GET /api/v1/tokens → { tokens: ApiToken[] }; DELETE /api/v1/tokens/:id revokes. */
export type ApiToken = { id: number; name: string; scope: TokenScope; createdBy: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null };
/** POST /api/v1/tokens { name, scope } → 201, the secret, shown once. DELETE /api/v1/tokens/:id → { token: ApiToken } (revoked). */
export type CreatedToken = ApiToken & { secret: string };

/** What a cell of the status grid shows. `confirming` = failing, not yet confirmed. */
export type CellState = 'up' | 'degraded' | 'confirming' | 'down' | 'maintenance' | 'unknown';

export type GridCell = {
  checkId: string;
  deployment: string;
  state: CellState;
  lastRunAt: number | null;
  durationMs: number | null;
  /** The last failure's one-line reason, when the last run failed. */
  error: string | null;
};

export type GridRow = {
  checkId: string;
  name: string;
  kind: string;
  pageType: string | null;
  tags: string[];
  summary: string;
  /** By deployment name; a check that does not run on a deployment has no cell there. */
  cells: Record<string, GridCell>;
};

export type DeploymentInfo = { name: string; role: 'primary' | 'backup'; baseUrl: string; provider: string | null };

/**
 * GET /api/v1/grid?tag=&pageType=&deployment=&state=&kind=&q=&page=1&pageSize=50
 * Filtering and paging happen on the server; `counts` are over all checks matching the filter.
 */
export type GridPage = {
  deployments: DeploymentInfo[];
  rows: GridRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<CellState, number>;
  /** Distinct values for the filter drop-downs. */
  facets: { tags: string[]; pageTypes: string[]; kinds: string[] };
};

export type UptimeSummary = { window: '24h' | '7d' | '30d' | '90d'; ratio: number | null; runs: number; failures: number };

/** GET /api/v1/checks/:id (id URL-encoded). */
export type CheckDetail = {
  row: GridRow;
  intervalMs: number;
  timeoutMs: number;
  runbook: string | null;
  /** By deployment name. */
  uptime: Record<string, UptimeSummary[]>;
};

/** GET /api/v1/checks/:id/series?deployment=NAME&window=24h → points for the response-time chart. */
export type SeriesPoint = {
  t: number;
  avgMs: number | null;
  maxMs: number | null;
  runs: number;
  failures: number;
  /** Average phase timings in ms over the bucket, when the check type measures them (http: dns, connect, tls, firstByte, download). */
  phases?: Record<string, number>;
};
export type Series = { checkId: string; deployment: string; resolution: 'minute' | 'hour'; points: SeriesPoint[] };

/** GET /api/v1/checks/:id/uptime-bars?deployment=NAME&days=90 → one bar a day, oldest first. */
export type UptimeBar = { day: string; ratio: number | null; runs: number; failures: number };

/**
 * GET /api/v1/results?check=&deployment=&failed=true&limit=&before= → { results: RunSummary[], next }
 * (the stored CheckResult with its id). For browser runs `details.steps` holds
 * `{ name, durationMs, ok, error? }[]` and `evidence` names files served from
 * GET /api/v1/artifacts/<relative path>.
 */

/** GET /api/v1/heartbeats → { heartbeats: HeartbeatInfo[] }; GET /api/v1/heartbeats/:name/pings → recent pings. */
export type HeartbeatInfo = {
  name: string;
  state: 'new' | 'up' | 'late' | 'down';
  lastPingAt: number | null;
  lastPingKind: string | null;
  nextExpectedAt: number | null;
  schedule: string;
  tags: string[];
};

/** GET /api/v1/deployments → { deployments: DeploymentStatus[] }. */
export type DeploymentStatus = DeploymentInfo & { counts: Record<CellState, number>; uptime24h: number | null };

/** GET /api/v1/maintenance → { windows: MaintenanceInfo[] }. */
export type MaintenanceInfo = { name: string; kind: string; activeNow: boolean; nextStart: number | null; nextEnd: number | null; description: string };

/**
 * GET /api/v1/events: server-sent events. Event names and data (JSON):
 * - `cell`: GridCell, whenever a result is stored or a health state changes
 * - `incident`: { id, status, title } when an incident opens, changes or resolves
 * - `heartbeat`: HeartbeatInfo when a ping arrives or a heartbeat changes state
 * A comment line is sent every 15 s to keep proxies from closing the stream.
 */
export type LiveEvent =
  | { type: 'cell'; data: GridCell }
  | { type: 'incident'; data: { id: number; status: string; title: string } }
  | { type: 'heartbeat'; data: HeartbeatInfo };
