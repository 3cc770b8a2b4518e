import { z } from 'zod';
import type { Product } from './catalog';
import { applyCartChange, maxQuantity, type CartChange } from './cart';
import { cartView, type CartView } from './cart-view';
import { cartCookieHeader, ClientError, effectiveBuildId, type RouteContext } from './context';
import { priceCents } from './pages/html';
import { jsonReply, type Reply } from './reply';

export type ApiProduct = { slug: string; title: string; price: number; currency: 'USD'; stock: number; collection: string };

export function apiProduct(product: Product, priceDelta: number): ApiProduct {
  return {
    slug: product.slug,
    title: product.title,
    price: priceCents(product, priceDelta) / 100,
    currency: 'USD',
    stock: product.stock,
    collection: product.collection,
  };
}

function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ClientError(400, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function listProducts(ctx: RouteContext): Reply {
  const { products } = ctx.shop.catalog;
  const limit = intParam(ctx.url.searchParams, 'limit', 24, 1, 100);
  const pages = Math.max(1, Math.ceil(products.length / limit));
  const page = intParam(ctx.url.searchParams, 'page', 1, 1, 1_000_000);
  const items = products.slice((page - 1) * limit, page * limit).map((p) => apiProduct(p, ctx.shop.faults.priceDelta));
  return jsonReply({ page, limit, total: products.length, pages, items });
}

export function getProduct(ctx: RouteContext, slug: string): Reply {
  const product = ctx.shop.catalog.bySlug.get(slug);
  if (!product) return jsonReply({ error: `no product ${slug}` }, 404);
  return jsonReply(apiProduct(product, ctx.shop.faults.priceDelta));
}

export function buildInfo(ctx: RouteContext): Reply {
  return jsonReply({ buildId: effectiveBuildId(ctx.shop), deployment: ctx.shop.deployment });
}

// Form posts send quantities as strings; JSON sends numbers. Accept both, nothing else.
const quantity = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().min(0).max(maxQuantity));
const lineSchema = z.object({ slug: z.string().min(1).max(200), quantity: quantity.optional() });

function parseLine(body: unknown): { slug: string; quantity?: number | undefined } {
  const result = lineSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ClientError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export type CartMutation = 'add' | 'set' | 'remove';

/** Shared by the JSON API and the plain-form fallback; returns the cart id and whether a cookie must be set. */
export async function mutateCart(ctx: RouteContext, mutation: CartMutation): Promise<{ id: string; created: boolean }> {
  const line = parseLine(await ctx.readBody());
  const product = ctx.shop.catalog.bySlug.get(line.slug);
  if (!product) throw new ClientError(404, `no product ${line.slug}`);
  let change: CartChange;
  if (mutation === 'remove') change = { op: 'remove', slug: line.slug };
  else if (mutation === 'set') {
    if (line.quantity === undefined) throw new ClientError(400, 'quantity: required');
    change = { op: 'set', slug: line.slug, quantity: line.quantity };
  } else {
    const wanted = line.quantity ?? 1;
    if (wanted < 1) throw new ClientError(400, 'quantity: must be at least 1');
    change = { op: 'add', slug: line.slug, quantity: wanted };
  }
  if (change.op !== 'remove' && change.quantity > 0 && product.stock <= 0) {
    throw new ClientError(409, `${product.title} is out of stock`);
  }
  const cart = ctx.shop.carts.getOrCreate(ctx.cartId);
  const problem = applyCartChange(cart.lines, change);
  if (problem) throw new ClientError(409, problem);
  return { id: cart.id, created: cart.created };
}

export function currentCart(ctx: RouteContext, id: string | null): CartView {
  return cartView(ctx.shop.catalog, id, ctx.shop.carts.get(id), ctx.shop.faults.priceDelta);
}

const mutationByMethod: Record<string, CartMutation> = { POST: 'add', PATCH: 'set', PUT: 'set', DELETE: 'remove' };

export async function cartApi(ctx: RouteContext): Promise<Reply> {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    const known = ctx.shop.carts.get(ctx.cartId) ? ctx.cartId : null;
    return jsonReply(currentCart(ctx, known));
  }
  const mutation = mutationByMethod[ctx.method];
  if (!mutation) return jsonReply({ error: `method ${ctx.method} not allowed` }, 405, { allow: 'GET, POST, PATCH, DELETE' });
  const { id, created } = await mutateCart(ctx, mutation);
  return jsonReply(currentCart(ctx, id), 200, created ? { 'set-cookie': cartCookieHeader(id) } : undefined);
}
