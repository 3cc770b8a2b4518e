import { generate } from 'selfsigned';
import type { FaultState } from './faults';

export type CertificateKind = FaultState['certificate'];
export type KeyAndCert = { key: string; cert: string; notBefore: Date; notAfter: Date };
export type CertificateSet = Record<CertificateKind, KeyAndCert>;

const day = 86_400_000;

/** Validity windows relative to process start: expired two days ago, expiring in five days, or good for a year. */
const windows: Record<CertificateKind, { fromDays: number; toDays: number }> = {
  valid: { fromDays: -1, toDays: 365 },
  expired: { fromDays: -92, toDays: -2 },
  'near-expiry': { fromDays: -85, toDays: 5 },
};

let cached: Promise<CertificateSet> | undefined;

/** Generated once per process (EC keys, ~30 ms each) and shared by every HTTPS server. */
export function demoCertificates(): Promise<CertificateSet> {
  cached ??= generateAll(Date.now()).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function generateAll(now: number): Promise<CertificateSet> {
  const kinds = Object.keys(windows) as CertificateKind[];
  const pairs = await Promise.all(kinds.map(async (kind) => [kind, await generateOne(kind, now)] as const));
  return Object.fromEntries(pairs) as CertificateSet;
}

async function generateOne(kind: CertificateKind, now: number): Promise<KeyAndCert> {
  const { fromDays, toDays } = windows[kind];
  const notBefore = new Date(now + fromDays * day);
  const notAfter = new Date(now + toDays * day);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, notBefore, notAfter };
}
