import { connect, type TLSSocket } from 'node:tls';
import type { Observation } from '../../domain/check-result';
import { startDeadline } from '../deadline';
import { describeNetworkError } from '../network-error';
import { endpointFrom, formatEndpoint, isIpAddress } from '../target';
import type { CheckRunner, RunContext } from '../types';
import { judgeCertificate } from './certificate';
import type { TlsSpec } from './definition';

export const runner: CheckRunner<TlsSpec> = { run };

async function run(spec: TlsSpec, ctx: RunContext): Promise<Observation> {
  const startedAt = performance.now();
  const endpoint = endpointFrom(ctx.deployment.baseUrl, spec.host, spec.port, 443);
  const servername = spec.servername ?? (isIpAddress(endpoint.host) ? undefined : endpoint.host);
  const deadline = startDeadline(ctx);
  const stamps: { lookup?: number; connected?: number; secured?: number } = {};
  let socket: TLSSocket | undefined;
  const abort = () => socket?.destroy(new Error('aborted'));
  deadline.signal.addEventListener('abort', abort, { once: true });
  try {
    // Verification is ours to judge, so the handshake must complete even for a certificate we will fail.
    const secured = await new Promise<TLSSocket>((resolve, reject) => {
      socket = connect({ host: endpoint.host, port: endpoint.port, servername, rejectUnauthorized: false });
      socket.once('lookup', () => (stamps.lookup = performance.now()));
      socket.once('connect', () => (stamps.connected = performance.now()));
      socket.once('secureConnect', function (this: TLSSocket) {
        stamps.secured = performance.now();
        resolve(this);
      });
      socket.once('error', reject);
      if (deadline.signal.aborted) abort();
    });
    const totalMs = performance.now() - startedAt;
    const certificate = secured.getPeerCertificate();
    if (!certificate || Object.keys(certificate).length === 0) throw new Error('the server sent no certificate');
    const judged = judgeCertificate(spec, {
      certificate,
      authorized: secured.authorized,
      authorizationError: secured.authorizationError === undefined ? undefined : String(secured.authorizationError),
      hostname: servername ?? endpoint.host,
      now: Date.now(),
    });
    const error = judged.failures.slice(0, 2).join('; ');
    return {
      ok: judged.failures.length === 0,
      durationMs: round(totalMs),
      phases: {
        ...(stamps.lookup !== undefined ? { dns: round(stamps.lookup - startedAt) } : {}),
        ...(stamps.connected !== undefined ? { connect: round(stamps.connected - (stamps.lookup ?? startedAt)) } : {}),
        ...(stamps.connected !== undefined && stamps.secured !== undefined ? { tls: round(stamps.secured - stamps.connected) } : {}),
        total: round(totalMs),
      },
      ...(error ? { error } : {}),
      assertions: judged.assertions,
      details: { host: endpoint.host, port: endpoint.port, ...(servername ? { servername } : {}), protocol: secured.getProtocol(), ...judged.details },
    };
  } catch (error) {
    const stopped = deadline.reason();
    const stage = stamps.connected === undefined ? `connecting to ${formatEndpoint(endpoint)}` : 'TLS handshake';
    return {
      ok: false,
      durationMs: round(performance.now() - startedAt),
      error: stopped !== undefined ? `${stopped} (${stage})` : describeNetworkError(error),
      assertions: [],
      details: { host: endpoint.host, port: endpoint.port },
    };
  } finally {
    deadline.signal.removeEventListener('abort', abort);
    deadline.dispose();
    socket?.destroy();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
