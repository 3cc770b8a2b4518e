import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A tiny authoritative DNS server, for the demo store and for tests: answers A, TXT and MX from a
 * table, NXDOMAIN for names it does not know, an empty answer for a known name
 * without that type, and nothing at all when `silent` (an unreachable resolver).
 */
export type DnsZone = Record<string, {
  A?: string[];
  /** One record per entry; an array is one record of several strings. */
  TXT?: Array<string | string[]>;
  MX?: Array<[number, string]>;
}>;

const types = { 1: 'A', 15: 'MX', 16: 'TXT' } as const;

export async function startDnsServer(zone: DnsZone, options: { silent?: boolean } = {}): Promise<{ address: string; close: () => Promise<void> }> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    if (options.silent) return;
    const { name, end, type } = readQuestion(query);
    const records = zone[name.toLowerCase()];
    const rdatas = (records?.[types[type as keyof typeof types]] ?? []).map((value) => encode(type, value));
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    // QR, the client's RD bit, RA; RCODE 3 (NXDOMAIN) for unknown names.
    header.writeUInt16BE(0x8080 | (query.readUInt16BE(2) & 0x0100) | (records ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(rdatas.length, 6);
    const answers = rdatas.map((rdata) => {
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0); // pointer to the name in the question
      fixed.writeUInt16BE(type, 2);
      fixed.writeUInt16BE(1, 4);
      fixed.writeUInt32BE(60, 6);
      fixed.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([fixed, rdata]);
    });
    socket.send(Buffer.concat([header, query.subarray(12, end), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

function readQuestion(query: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let offset = 12;
  for (let length = query[offset] ?? 0; length > 0; length = query[offset] ?? 0) {
    labels.push(query.toString('ascii', offset + 1, offset + 1 + length));
    offset += length + 1;
  }
  return { name: labels.join('.'), type: query.readUInt16BE(offset + 1), end: offset + 5 };
}

function encode(type: number, value: string | string[] | [number, string]): Buffer {
  if (type === 1) return Buffer.from(String(value).split('.').map(Number));
  if (type === 16) return Buffer.concat([value].flat().flatMap((chunk) => [Buffer.from([String(chunk).length]), Buffer.from(String(chunk))]));
  const [preference, exchange] = value as [number, string];
  const name = Buffer.concat([...exchange.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])), Buffer.from([0])]);
  return Buffer.concat([Buffer.from([preference >> 8, preference & 0xff]), name]);
}
