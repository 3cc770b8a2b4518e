import type { AddressInfo, Server } from 'node:net';
import { createServer } from 'node:net';
import { generate } from 'selfsigned';
import type { RunContext } from './types';

/** Test helpers shared by the check runners' tests: real servers on 127.0.0.1, ephemeral ports. */

export async function listen<S extends Server>(server: S): Promise<{ server: S; port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, port, close: () => closeServer(server) };
}

/** Closes the server and drops any connection still open, so a test never waits on a keep-alive socket. */
export async function closeServer(server: Server): Promise<void> {
  const withConnections = server as Server & { closeAllConnections?: () => void };
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    withConnections.closeAllConnections?.();
  });
}

/** A port nothing listens on: bound, read, released. */
export async function unusedPort(): Promise<number> {
  const { port, close } = await listen(createServer());
  await close();
  return port;
}

export function context(baseUrl: string, overrides: Partial<RunContext> = {}): RunContext {
  return {
    deployment: { name: 'primary', baseUrl, role: 'primary' },
    timeoutMs: 5_000,
    signal: new AbortController().signal,
    location: 'test',
    ...overrides,
  };
}

/** A self-signed certificate for 127.0.0.1/localhost; EC keys because RSA generation is slow. */
export async function selfSignedCertificate(options: { notBefore?: Date; notAfter?: Date; commonName?: string } = {}): Promise<{ key: string; cert: string }> {
  const commonName = options.commonName ?? 'localhost';
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: options.notBefore ?? new Date(Date.now() - 86_400_000),
    notAfterDate: options.notAfter ?? new Date(Date.now() + 90 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: commonName }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
