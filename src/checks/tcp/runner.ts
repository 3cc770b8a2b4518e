import { connect, type Socket } from 'node:net';
import type { Observation } from '../../domain/check-result';
import { checkResponseTime, stored, summarizeFailures } from '../assertions';
import { startDeadline } from '../deadline';
import { describeNetworkError } from '../network-error';
import { endpointFrom, formatEndpoint } from '../target';
import type { CheckRunner, RunContext } from '../types';
import type { TcpSpec } from './definition';

export const runner: CheckRunner<TcpSpec> = { run };

async function run(spec: TcpSpec, ctx: RunContext): Promise<Observation> {
  const startedAt = performance.now();
  const endpoint = endpointFrom(ctx.deployment.baseUrl, spec.host, spec.port, 80);
  const deadline = startDeadline(ctx);
  let socket: Socket | undefined;
  let lookedUpAt: number | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      socket = connect({ host: endpoint.host, port: endpoint.port, signal: deadline.signal });
      socket.once('lookup', () => (lookedUpAt = performance.now()));
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const totalMs = performance.now() - startedAt;
    const results = checkResponseTime(spec.assertions, totalMs);
    const error = summarizeFailures(results);
    return {
      ok: error === undefined,
      durationMs: round(totalMs),
      phases: {
        ...(lookedUpAt !== undefined ? { dns: round(lookedUpAt - startedAt) } : {}),
        connect: round(totalMs - ((lookedUpAt ?? startedAt) - startedAt)),
        total: round(totalMs),
      },
      ...(error === undefined ? {} : { error }),
      assertions: results.map(stored),
      details: { host: endpoint.host, port: endpoint.port, address: socket?.remoteAddress },
    };
  } catch (error) {
    const stopped = deadline.reason();
    return {
      ok: false,
      durationMs: round(performance.now() - startedAt),
      error: stopped !== undefined ? `${stopped} (connecting to ${formatEndpoint(endpoint)})` : describeNetworkError(error),
      assertions: [],
      details: { host: endpoint.host, port: endpoint.port },
    };
  } finally {
    deadline.dispose();
    socket?.destroy();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
