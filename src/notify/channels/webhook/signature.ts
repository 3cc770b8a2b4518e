import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature, for Vigil and for receivers (see README.md here):
 * HMAC-SHA256 over `${timestamp}.${body}`, hex, prefixed `sha256=`. The
 * timestamp is inside the signed string so an old request cannot be replayed
 * with a fresh timestamp.
 */
export function signWebhookBody(body: string | Buffer, timestamp: number | string, secret: string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

/**
 * Whether `signature` (the `X-Vigil-Signature` header) is Vigil's for this raw
 * body and `timestamp` (the `X-Vigil-Timestamp` header), and the timestamp is
 * within `toleranceSeconds` of now. Pass the body exactly as received: parsing
 * and re-serialising JSON changes the bytes.
 */
export function verifyWebhookSignature(
  body: string | Buffer,
  timestamp: string | number | undefined,
  signature: string | undefined,
  secret: string,
  toleranceSeconds = 300,
  nowSeconds = Date.now() / 1000,
): boolean {
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(String(timestamp))) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(body, timestamp, secret));
  const given = Buffer.from(signature);
  // Compared in constant time so response timing does not reveal how much of a forged signature matched.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
