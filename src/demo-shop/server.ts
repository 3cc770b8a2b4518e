import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '../log/logger';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { cartItemCount } from './cart';
import { cartCookie, ClientError, effectiveBuildId, type RequestBody, type RouteContext, type ShopState } from './context';
import { handleControl } from './control-api';
import { errorApplies, slowDelay, type FaultState, type PageTypeName } from './faults';
import type { View } from './pages/html';
import { errorReason, renderClientError, renderErrorPage } from './pages/system';
import { htmlReply, jsonReply, type Reply } from './reply';
import { matchRoute } from './routes';

/** What the request handler needs from the running deployment beyond its state. */
export type ShopRuntime = {
  state: ShopState;
  /** Fallback origin when the Host header is missing or odd. */
  origin: { http: string; https?: string };
  setFaults(patch: Partial<FaultState>): FaultState;
  resetFaults(): FaultState;
  /** Counts requests for `flapEvery`; reset whenever faults change. */
  nextRequestNumber(): number;
  /** A delay that ends early when the shop closes, so close() never waits on a slow fault. */
  sleep(ms: number): Promise<void>;
};

const log = createLogger().child({ module: 'demo-shop' });
const maxBodyBytes = 64 * 1024;
const hostPattern = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const cartIdPattern = /(?:^|;\s*)cart_id=([A-Za-z0-9-]{1,64})(?:;|$)/;
// Not an HTTP status line: HTTP clients fail to parse it, which is the point.
const garbage = Buffer.from('SPLAT\u0000\u0001\u0002 <<this is not http>> \r\n\r\n\u00ff\u00fe', 'latin1');

export function createRequestHandler(shop: ShopRuntime): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleRequest(shop, req, res).catch((err: unknown) => {
      // A bug in a handler must not take the deployment down; answer 500 if we still can.
      log.error({ err, deployment: shop.state.deployment, url: req.url }, 'request failed');
      if (!res.headersSent && !res.destroyed) writeReply(res, jsonReply({ error: 'Internal Server Error' }, 500), {});
      else res.destroy();
    });
  };
}

async function handleRequest(shop: ShopRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  const method = req.method ?? 'GET';
  if (!rawUrl.startsWith('/')) {
    writeReply(res, { status: 400, contentType: 'text/plain; charset=utf-8', body: 'Bad Request' }, {});
    return;
  }
  const baseUrl = requestBaseUrl(shop, req);
  const url = new URL(baseUrl + rawUrl);
  const readBody = memoizedBody(req);

  // The control API sits in front of every fault: it must keep working to switch them off.
  if (url.pathname.startsWith('/__vigil/')) {
    writeReply(res, await handleControl(shop, method, url.pathname, readBody), {});
    return;
  }

  const faults = shop.state.faults;
  if (faults.resetConnections) return resetSocket(req.socket);
  if (faults.garbage) {
    req.socket.end(garbage, () => req.socket.destroy());
    return;
  }
  // Never answer; the socket is destroyed when the client gives up or the shop closes.
  if (faults.timeout) return;

  const route = matchRoute(method, url.pathname);
  // Counted on arrival, before any delay, so "every Nth request" follows request order.
  const flaps = faults.flapEvery > 0 && shop.nextRequestNumber() % faults.flapEvery === 0;
  const delay = slowDelay(faults, route.pageType);
  if (delay > 0) await shop.sleep(delay);
  if (res.destroyed) return;

  const common = { 'x-deployment': shop.state.deployment, 'x-build-id': effectiveBuildId(shop.state) };
  if (flaps) return writeReply(res, errorReply(500, route.pageType, shop.state), common);
  if (faults.errorStatus !== null && errorApplies(faults, route.pageType)) {
    return writeReply(res, errorReply(faults.errorStatus, route.pageType, shop.state), common);
  }

  const cartId = cartIdPattern.exec(req.headers.cookie ?? '')?.[1] ?? null;
  const ctx: RouteContext = {
    shop: shop.state,
    method,
    url,
    baseUrl,
    cartId,
    readBody,
    view: () => viewFor(shop.state, cartId),
  };
  let reply: Reply;
  try {
    reply = await route.handle(ctx);
  } catch (err) {
    if (!(err instanceof ClientError)) throw err;
    reply =
      route.pageType === 'api'
        ? jsonReply({ error: err.message }, err.status)
        : htmlReply(renderClientError(ctx.view(), err.status, err.message), err.status);
  }
  if (!res.destroyed) writeReply(res, reply, common);
}

function viewFor(state: ShopState, cartId: string | null): View {
  return {
    catalog: state.catalog,
    deployment: state.deployment,
    buildId: effectiveBuildId(state),
    priceDelta: state.faults.priceDelta,
    brokenAddToCart: state.faults.brokenAddToCart,
    cartCount: cartItemCount(state.carts.get(cartId)),
  };
}

function errorReply(status: number, pageType: PageTypeName | null, state: ShopState): Reply {
  const headers: Record<string, string> = status === 503 ? { 'retry-after': '30' } : {};
  if (pageType === 'api') return jsonReply({ error: errorReason(status), status }, status, headers);
  return htmlReply(renderErrorPage(status, effectiveBuildId(state)), status, headers);
}

function writeReply(res: ServerResponse, reply: Reply, common: Record<string, string>): void {
  res.writeHead(reply.status, {
    server: 'vigil-demo-shop',
    'content-type': reply.contentType,
    'content-length': Buffer.byteLength(reply.body),
    ...common,
    ...reply.headers,
  });
  res.end(reply.body);
}

function resetSocket(socket: Socket): void {
  // A TCP RST (not a FIN) is what a crashing proxy looks like; TLS sockets cannot send one, so they are just destroyed.
  if (socket instanceof TLSSocket) socket.destroy();
  else socket.resetAndDestroy();
}

function requestBaseUrl(shop: ShopRuntime, req: IncomingMessage): string {
  const secure = req.socket instanceof TLSSocket;
  const host = req.headers.host;
  if (host && hostPattern.test(host)) return `${secure ? 'https' : 'http'}://${host}`;
  return (secure ? shop.origin.https : undefined) ?? shop.origin.http;
}

function memoizedBody(req: IncomingMessage): () => Promise<RequestBody> {
  let body: Promise<RequestBody> | undefined;
  return () => (body ??= readBody(req));
}

async function readBody(req: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new ClientError(413, `request body over ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ClientError(400, 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ClientError(400, 'request body must be a JSON object');
  }
  return parsed as RequestBody;
}
