import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { AssertionResult } from '../../domain/check-result';
import type { TlsSpec } from './definition';

/** What the handshake showed; `now` is passed in so the judgement is a pure function. */
export type Handshake = {
  certificate: PeerCertificate;
  authorized: boolean;
  authorizationError?: string;
  /** The name the certificate must cover. */
  hostname: string;
  now: number;
};

const selfSignedCodes = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
// OpenSSL reports expiry ahead of trust, so with these codes trust is unknown, not failed; the validity assertion speaks.
const expiryCodes = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const day = 86_400_000;

export function judgeCertificate(spec: Pick<TlsSpec, 'minDaysValid' | 'allowSelfSigned'>, shake: Handshake): { assertions: AssertionResult[]; failures: string[]; details: Record<string, unknown> } {
  const { certificate: cert, now } = shake;
  const validFrom = Date.parse(cert.valid_from);
  const validTo = Date.parse(cert.valid_to);
  const daysRemaining = Math.round(((validTo - now) / day) * 10) / 10;
  const assertions: AssertionResult[] = [];
  const failures: string[] = [];
  const add = (assertion: string, ok: boolean, actual: string, failure: string) => {
    assertions.push({ assertion, ok, actual });
    if (!ok) failures.push(failure);
  };

  const validNow = now >= validFrom && now <= validTo;
  add('certificate is valid now', validNow, `${iso(validFrom)} to ${iso(validTo)}`,
    now < validFrom ? `certificate is not valid until ${iso(validFrom)}` : `certificate expired ${(-daysRemaining).toFixed(1)} days ago (at ${iso(validTo)})`);
  const longEnough = daysRemaining >= spec.minDaysValid;
  assertions.push({ assertion: `certificate valid for at least ${spec.minDaysValid} days`, ok: longEnough, actual: `${daysRemaining.toFixed(1)} days` });
  // An expired certificate already has its sentence; "expires in -3 days" would only repeat it.
  if (!longEnough && validNow) failures.push(`certificate expires in ${daysRemaining.toFixed(1)} days (at ${iso(validTo)}), expected at least ${spec.minDaysValid}`);

  const code = shake.authorizationError;
  if (code === undefined || !expiryCodes.has(code)) {
    const accepted = shake.authorized || (spec.allowSelfSigned && code !== undefined && selfSignedCodes.has(code));
    add(spec.allowSelfSigned ? 'certificate trusted or self-signed' : 'certificate trusted', accepted, shake.authorized ? 'trusted' : (code ?? 'not trusted'),
      `certificate not trusted: ${code ?? 'unknown reason'}${code && selfSignedCodes.has(code) ? ' (set allowSelfSigned to accept it)' : ''}`);
  }

  const mismatch = checkServerIdentity(shake.hostname, cert);
  add(`certificate covers ${shake.hostname}`, mismatch === undefined, cert.subjectaltname ?? commonName(cert.subject) ?? 'no names',
    `hostname mismatch: ${(mismatch as (Error & { reason?: string }) | undefined)?.reason ?? mismatch?.message ?? ''}`);

  return {
    assertions,
    failures,
    details: {
      subject: commonName(cert.subject),
      issuer: commonName(cert.issuer),
      validFrom: iso(validFrom),
      validTo: iso(validTo),
      daysRemaining,
      authorized: shake.authorized,
      ...(code ? { authorizationError: code } : {}),
      altNames: cert.subjectaltname ? cert.subjectaltname.split(', ') : [],
      fingerprint256: cert.fingerprint256,
    },
  };
}

function commonName(name: PeerCertificate['subject'] | undefined): string | undefined {
  const cn = (name as Record<string, string | string[] | undefined> | undefined)?.CN;
  return Array.isArray(cn) ? cn[0] : cn;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'unknown';
}
