import type { Catalog } from './catalog';
import type { CartStore } from './cart';
import type { FaultState, PageTypeName } from './faults';
import type { View } from './pages/html';
import type { Reply } from './reply';

/** One deployment's live state, shared by every request it serves. */
export type ShopState = {
  deployment: 'primary' | 'backup';
  catalog: Catalog;
  carts: CartStore;
  buildId: string;
  faults: FaultState;
};

export type RequestBody = Record<string, unknown>;

export type RouteContext = {
  shop: ShopState;
  method: string;
  url: URL;
  /** Scheme and host the visitor used, for absolute URLs (sitemap, robots). */
  baseUrl: string;
  cartId: string | null;
  view(): View;
  readBody(): Promise<RequestBody>;
};

export type Route = {
  /** Which fault switches apply; null for assets and unknown paths (only shop-wide faults reach them). */
  pageType: PageTypeName | null;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
};

/** Thrown by handlers for client mistakes; the server turns it into a 4xx answer. */
export class ClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function effectiveBuildId(shop: ShopState): string {
  return shop.faults.buildId ?? shop.buildId;
}

export const cartCookie = 'cart_id';

export function cartCookieHeader(id: string): string {
  return `${cartCookie}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`;
}
