import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { CartStore } from './cart';
import { getCatalog } from './catalog';
import { demoCertificates } from './certificates';
import type { ShopState } from './context';
import { healthyFaults, mergeFaults, parseFaultPatch, type FaultState } from './faults';
import { createRequestHandler, type ShopRuntime } from './server';

export type DemoShopOptions = {
  deployment: 'primary' | 'backup';
  /** 0 or undefined = ephemeral; the host is always 127.0.0.1. */
  port?: number;
  /** When set (0 = ephemeral), also serve HTTPS with a self-signed certificate for localhost and 127.0.0.1. */
  httpsPort?: number;
  /** @default 5000 */
  productCount?: number;
  /** @default 'build-2026.11.25-1' */
  buildId?: string;
};

export type RunningDemoShop = {
  deployment: 'primary' | 'backup';
  /** http://127.0.0.1:PORT */
  url: string;
  /** https://127.0.0.1:PORT, when `httpsPort` was given. */
  httpsUrl?: string;
  /** The live fault state (replaced on every change, so read it through this property). */
  readonly faults: FaultState;
  /** Merges `patch` (top-level keys replace; `slow` is replaced whole). Throws on an invalid patch. */
  setFaults(patch: Partial<FaultState>): void;
  resetFaults(): void;
  /** Closes every server and socket, keep-alive and hung ones included. */
  close(): Promise<void>;
};

export const defaultBuildId = 'build-2026.11.25-1';
const host = '127.0.0.1';

export async function startDemoShop(opts: DemoShopOptions): Promise<RunningDemoShop> {
  const certificates = opts.httpsPort === undefined ? undefined : await demoCertificates();
  const state: ShopState = {
    deployment: opts.deployment,
    catalog: getCatalog(opts.productCount ?? 5000),
    carts: new CartStore(),
    buildId: opts.buildId ?? defaultBuildId,
    faults: healthyFaults(),
  };
  const sockets = new Set<Socket>();
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  let requestNumber = 0;
  let httpsServer: HttpsServer | undefined;

  const applyFaults = (next: FaultState): FaultState => {
    const previous = state.faults;
    state.faults = next;
    if (previous.flapEvery !== next.flapEvery) requestNumber = 0;
    // New TLS connections get the new certificate; open ones keep theirs, as with a real certificate rotation.
    if (httpsServer && certificates && previous.certificate !== next.certificate) {
      httpsServer.setSecureContext(certificates[next.certificate]);
    }
    return next;
  };

  const runtime: ShopRuntime = {
    state,
    origin: { http: '' },
    setFaults: (patch) => applyFaults(mergeFaults(state.faults, patch)),
    resetFaults: () => applyFaults(healthyFaults()),
    nextRequestNumber: () => ++requestNumber,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          sleepers.delete(timer);
          resolve();
        }, ms);
        sleepers.set(timer, resolve);
      }),
  };
  const handler = createRequestHandler(runtime);
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const httpServer = createHttpServer(handler);
  httpServer.on('connection', track);
  const servers: (HttpServer | HttpsServer)[] = [httpServer];
  try {
    runtime.origin.http = `http://${host}:${await listen(httpServer, opts.port ?? 0)}`;
    if (certificates) {
      httpsServer = createHttpsServer(certificates[state.faults.certificate], handler);
      httpsServer.on('connection', track);
      servers.push(httpsServer);
      runtime.origin.https = `https://${host}:${await listen(httpsServer, opts.httpsPort ?? 0)}`;
    }
  } catch (err) {
    await closeAll(servers, sockets, sleepers);
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    deployment: opts.deployment,
    url: runtime.origin.http,
    ...(runtime.origin.https ? { httpsUrl: runtime.origin.https } : {}),
    get faults() {
      return state.faults;
    },
    setFaults: (patch) => {
      // Callers in this process get the same checks as the control API, as an exception instead of a 400.
      const parsed = parseFaultPatch(patch);
      if (!parsed.ok) throw new Error(parsed.message);
      runtime.setFaults(parsed.patch);
    },
    resetFaults: () => void runtime.resetFaults(),
    close: () => (closing ??= closeAll(servers, sockets, sleepers)),
  };
}

function listen(server: HttpServer | HttpsServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function closeAll(
  servers: (HttpServer | HttpsServer)[],
  sockets: Set<Socket>,
  sleepers: Map<NodeJS.Timeout, () => void>,
): Promise<void> {
  const closed = servers.map(
    (server) =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  );
  // server.close() alone waits for keep-alive and hung (timeout fault) sockets; destroy them so close is prompt.
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const [timer, wake] of sleepers) {
    clearTimeout(timer);
    wake();
  }
  sleepers.clear();
  await Promise.all(closed);
}

export async function startDemoShops(
  opts: { primaryPort?: number; backupPort?: number; httpsPorts?: boolean; productCount?: number } = {},
): Promise<{ primary: RunningDemoShop; backup: RunningDemoShop; close(): Promise<void> }> {
  const common = { productCount: opts.productCount, ...(opts.httpsPorts ? { httpsPort: 0 } : {}) };
  const [primary, backup] = await Promise.allSettled([
    startDemoShop({ deployment: 'primary', port: opts.primaryPort, ...common }),
    startDemoShop({ deployment: 'backup', port: opts.backupPort, ...common }),
  ]);
  if (primary.status === 'rejected' || backup.status === 'rejected') {
    await Promise.all([primary, backup].map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    throw primary.status === 'rejected' ? primary.reason : (backup as PromiseRejectedResult).reason;
  }
  return {
    primary: primary.value,
    backup: backup.value,
    close: async () => {
      await Promise.all([primary.value.close(), backup.value.close()]);
    },
  };
}
