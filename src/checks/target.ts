import { isIP } from 'node:net';

/** Where a host-and-port check connects, derived from the deployment's base URL unless the check names it. */
export type Endpoint = { host: string; port: number };

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Fills `host`/`port` from the deployment's base URL. `fallbackPort` applies when
 * the base URL carries no port and its scheme has no known default.
 */
export function endpointFrom(baseUrl: string, host: string | undefined, port: number | undefined, fallbackPort: number): Endpoint {
  const url = new URL(baseUrl);
  return {
    host: host ?? unbracket(url.hostname),
    port: port ?? (url.port ? Number(url.port) : (defaultPorts[url.protocol] ?? fallbackPort)),
  };
}

/** `new URL('http://[::1]/').hostname` keeps the brackets; sockets and resolvers want the bare address. */
export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

export function isIpAddress(host: string): boolean {
  return isIP(host) !== 0;
}

/** `host:port` for messages, with IPv6 bracketed so the port stays readable. */
export function formatEndpoint({ host, port }: Endpoint): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
