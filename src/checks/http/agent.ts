import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';

/**
 * One keep-alive undici Agent shared by every HTTP check (a second one for
 * `insecure` checks), plus the bookkeeping that tells a request how long its
 * connection took to open — or that it reused one.
 *
 * The connector stamps each new socket (lookup → connect → secureConnect).
 * undici's diagnostics channels then link a request to its check (at creation,
 * which happens synchronously inside `request()`) and to the socket it was
 * written on (`sendHeaders`). The first request written on a socket owns its
 * connection phases; later ones reused it and report none.
 */

/** Where the time of one request went; filled in as the request progresses. */
export type RequestClock = {
  startedAt: number;
  /** Headers written to the socket. */
  sentAt?: number;
  headersAt?: number;
  /** Present only when this request opened its connection. */
  connection?: { dns?: number; connect?: number; tls?: number };
};

type SocketStamps = { start: number; lookup?: number; connected?: number; secured?: number; claimed: boolean };

const stampsBySocket = new WeakMap<object, SocketStamps>();
const clockByRequest = new WeakMap<object, RequestClock>();
/** Set only for the synchronous span of `agent.request()`, so the request created there is ours. */
let dispatching: RequestClock | undefined;

let agents: { secure: Agent; insecure: Agent } | undefined;
let subscribed = false;

export function sendRequest(options: Dispatcher.RequestOptions, insecure: boolean, clock: RequestClock): Promise<Dispatcher.ResponseData> {
  const shared = (agents ??= createAgents());
  dispatching = clock;
  try {
    return (insecure ? shared.insecure : shared.secure).request(options);
  } finally {
    dispatching = undefined;
  }
}

/** Closes idle connections and lets in-flight requests finish; for shutdown and tests. */
export async function closeHttpAgents(): Promise<void> {
  const current = agents;
  agents = undefined;
  if (current) await Promise.all([current.secure.close(), current.insecure.close()]);
}

function createAgents(): { secure: Agent; insecure: Agent } {
  if (!subscribed) {
    subscribe('undici:request:create', onRequestCreate);
    subscribe('undici:client:sendHeaders', onSendHeaders);
    subscribed = true;
  }
  return {
    secure: new Agent({ connect: timedConnector(buildConnector({})) }),
    insecure: new Agent({ connect: timedConnector(buildConnector({ rejectUnauthorized: false })) }),
  };
}

function timedConnector(base: buildConnector.connector): buildConnector.connector {
  // undici's connector returns the socket although its type says void.
  const connect = base as unknown as (options: buildConnector.Options, callback: buildConnector.Callback) => Socket | undefined;
  return (options, callback) => {
    const stamps: SocketStamps = { start: performance.now(), claimed: false };
    const socket = connect(options, callback);
    if (!socket) return;
    stampsBySocket.set(socket, stamps);
    // Prepended: undici's own listener writes the first request synchronously, and the stamps must be set by then.
    socket.prependOnceListener('lookup', () => (stamps.lookup = performance.now()));
    socket.prependOnceListener('connect', () => (stamps.connected = performance.now()));
    if (options.protocol === 'https:') socket.prependOnceListener('secureConnect', () => (stamps.secured = performance.now()));
  };
}

function onRequestCreate(message: unknown): void {
  if (!dispatching) return;
  clockByRequest.set((message as { request: object }).request, dispatching);
  dispatching = undefined;
}

function onSendHeaders(message: unknown): void {
  const { request, socket } = message as { request: object; socket: object };
  const clock = clockByRequest.get(request);
  if (!clock) return;
  clock.sentAt = performance.now();
  const stamps = stampsBySocket.get(socket);
  if (!stamps || stamps.claimed || stamps.connected === undefined) return;
  stamps.claimed = true;
  const opened = stamps.lookup ?? stamps.start;
  clock.connection = {
    ...(stamps.lookup !== undefined ? { dns: stamps.lookup - stamps.start } : {}),
    connect: stamps.connected - opened,
    ...(stamps.secured !== undefined ? { tls: stamps.secured - stamps.connected } : {}),
  };
}
