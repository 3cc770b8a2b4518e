/**
 * Turns what Node, undici and OpenSSL throw into one line a person can act on.
 * Node's own messages already name the address (`connect ECONNREFUSED 127.0.0.1:4101`),
 * so they are kept and only the vague ones are reworded.
 */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  const code = errorCode(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  if (code === 'UND_ERR_SOCKET') {
    // undici says "other side closed"; the cause, when present, names the reset.
    const detail = cause ? describeNetworkError(cause) : error.message;
    return `connection closed by the server before the response completed (${detail})`;
  }
  if (code === 'ECONNRESET') return `connection reset by the server (${oneLine(error.message)})`;
  if (code?.startsWith('HPE_') || error.name === 'HTTPParserError') return `invalid HTTP response: ${oneLine(error.message)}`;
  if (code !== undefined && isTlsCode(code)) return `TLS: ${oneLine(error.message)}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `connect timed out (${oneLine(error.message)})`;
  return oneLine(error.message || error.name);
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
