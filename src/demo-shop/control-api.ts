import { ClientError, type RequestBody } from './context';
import { parseFaultPatch } from './faults';
import { jsonReply, type Reply } from './reply';
import type { ShopRuntime } from './server';

export const controlPath = '/__vigil/faults';

/** GET reads, PUT/PATCH merge a validated patch, POST …/reset heals. Never subject to faults. */
export async function handleControl(
  shop: ShopRuntime,
  method: string,
  pathname: string,
  readBody: () => Promise<RequestBody>,
): Promise<Reply> {
  if (pathname === controlPath) {
    if (method === 'GET' || method === 'HEAD') return jsonReply(shop.state.faults);
    if (method === 'PUT' || method === 'PATCH') {
      let body: RequestBody;
      try {
        body = await readBody();
      } catch (err) {
        if (err instanceof ClientError) return jsonReply({ error: err.message }, err.status);
        throw err;
      }
      const parsed = parseFaultPatch(body);
      if (!parsed.ok) return jsonReply({ error: parsed.message, problems: parsed.problems }, 400);
      return jsonReply(shop.setFaults(parsed.patch));
    }
    return jsonReply({ error: `method ${method} not allowed on ${controlPath}` }, 405, { allow: 'GET, PUT, PATCH' });
  }
  if (pathname === `${controlPath}/reset`) {
    if (method !== 'POST') return jsonReply({ error: `use POST ${controlPath}/reset` }, 405, { allow: 'POST' });
    return jsonReply(shop.resetFaults());
  }
  return jsonReply({ error: `no control endpoint ${pathname}` }, 404);
}
