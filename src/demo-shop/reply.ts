/** A handler's answer as a value; the server writes it (or a fault replaces it). */
export type Reply = {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
};

export function htmlReply(body: string, status = 200, headers?: Record<string, string>): Reply {
  return { status, contentType: 'text/html; charset=utf-8', body, headers: { 'cache-control': 'no-store', ...headers } };
}

export function jsonReply(data: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(data), headers: { 'cache-control': 'no-store', ...headers } };
}

export function redirectReply(location: string, status = 303, headers?: Record<string, string>): Reply {
  return { status, contentType: 'text/plain; charset=utf-8', body: `Redirecting to ${location}`, headers: { location, ...headers } };
}
