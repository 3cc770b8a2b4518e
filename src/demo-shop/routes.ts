import { buildInfo, cartApi, currentCart, getProduct, listProducts, mutateCart } from './api';
import { appScriptForVersion } from './assets';
import { cartCookieHeader, ClientError, type Route, type RouteContext } from './context';
import type { PageTypeName } from './faults';
import { renderCart, renderCheckout, renderLogin } from './pages/cart';
import { renderProduct, renderSearch } from './pages/product';
import { renderHome, renderCollection, renderLanding } from './pages/storefront';
import { renderNotFound, renderRobots, renderSitemap } from './pages/system';
import { htmlReply, jsonReply, redirectReply, type Reply } from './reply';

const readOnly = ['GET', 'HEAD'];
const withPost = ['GET', 'HEAD', 'POST'];

function route(pageType: PageTypeName | null, methods: string[], handle: Route['handle']): (method: string) => Route {
  return (method) =>
    methods.includes(method)
      ? { pageType, handle }
      : {
          pageType,
          handle: () => {
            const allow = { allow: methods.join(', ') };
            return pageType === 'api'
              ? jsonReply({ error: `method ${method} not allowed` }, 405, allow)
              : { status: 405, contentType: 'text/plain; charset=utf-8', body: 'Method Not Allowed', headers: allow };
          },
        };
}

export function notFound(ctx: RouteContext): Reply {
  return htmlReply(renderNotFound(ctx.view(), ctx.url.pathname), 404);
}

function pageParam(ctx: RouteContext): number {
  const raw = ctx.url.searchParams.get('page');
  return raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
}

function page(html: string | null, ctx: RouteContext): Reply {
  return html === null ? notFound(ctx) : htmlReply(html);
}

function apiRoute(method: string, rest: string[]): Route {
  const [first, second, ...extra] = rest;
  if (extra.length === 0) {
    if (first === 'products' && second === undefined) return route('api', readOnly, listProducts)(method);
    if (first === 'products' && second) return route('api', readOnly, (ctx) => getProduct(ctx, second))(method);
    if (first === 'cart' && second === undefined) return route('api', [...withPost, 'PATCH', 'PUT', 'DELETE'], cartApi)(method);
    if (first === 'build' && second === undefined) return route('api', readOnly, buildInfo)(method);
    if (first === 'health' && second === undefined) return route('api', readOnly, () => jsonReply({ ok: true }))(method);
  }
  return { pageType: 'api', handle: (ctx) => jsonReply({ error: `no API endpoint ${ctx.url.pathname}` }, 404) };
}

/** Routing happens before the handler runs so faults can be chosen by page type first. */
export function matchRoute(method: string, pathname: string): Route {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const [, first = '', second, third] = path.split('/');
  const single = third === undefined;
  switch (first) {
    case '':
      return route('home', readOnly, (ctx) => htmlReply(renderHome(ctx.view())))(method);
    case 'landing':
      if (second && single) return route('landing', readOnly, (ctx) => page(renderLanding(ctx.view(), second), ctx))(method);
      break;
    case 'collections':
      if (second && single) {
        return route('collection', readOnly, (ctx) => page(renderCollection(ctx.view(), second, pageParam(ctx)), ctx))(method);
      }
      break;
    case 'products':
      if (second && single) {
        return route('product', readOnly, (ctx) => {
          const product = ctx.shop.catalog.bySlug.get(second);
          return product ? htmlReply(renderProduct(ctx.view(), product)) : notFound(ctx);
        })(method);
      }
      break;
    case 'cart':
      if (second === undefined) {
        return route('cart', readOnly, (ctx) => htmlReply(renderCart(ctx.view(), currentCart(ctx, ctx.cartId))))(method);
      }
      if ((second === 'add' || second === 'update') && single) return route('cart', ['POST'], formCartChange)(method);
      break;
    case 'checkout':
      if (second === undefined) {
        return route('checkout', withPost, async (ctx) => {
          if (ctx.method === 'POST') await ctx.readBody();
          return htmlReply(renderCheckout(ctx.view(), currentCart(ctx, ctx.cartId), ctx.method === 'POST'));
        })(method);
      }
      break;
    case 'account':
      if (second === undefined) return route('account', readOnly, () => redirectReply('/account/login', 302))(method);
      if (second === 'login' && single) {
        return route('account', withPost, async (ctx) => {
          if (ctx.method === 'POST') await ctx.readBody();
          return htmlReply(renderLogin(ctx.view(), ctx.method === 'POST'));
        })(method);
      }
      break;
    case 'search':
      if (second === undefined) {
        return route('search', readOnly, (ctx) => htmlReply(renderSearch(ctx.view(), ctx.url.searchParams.get('q') ?? '')))(method);
      }
      break;
    case 'sitemap.xml':
      return route('sitemap', readOnly, (ctx) => ({
        status: 200,
        contentType: 'application/xml; charset=utf-8',
        body: renderSitemap(ctx.shop.catalog, ctx.baseUrl),
        headers: { 'cache-control': 'public, max-age=300' },
      }))(method);
    case 'robots.txt':
      return route('sitemap', readOnly, (ctx) => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: renderRobots(ctx.baseUrl) }))(method);
    case 'api':
      return apiRoute(method, path.split('/').slice(2));
    case 'assets':
      if (second === 'app.js' && single) {
        return route(null, readOnly, (ctx) => {
          const asset = appScriptForVersion(ctx.url.searchParams.get('v'), ctx.shop.faults.brokenAddToCart);
          return { status: 200, contentType: 'text/javascript; charset=utf-8', body: asset.body, headers: { etag: asset.etag, 'cache-control': 'no-cache' } };
        })(method);
      }
      break;
  }
  return { pageType: null, handle: notFound };
}

/** The no-JavaScript path: a plain form post that redirects back to the cart. */
async function formCartChange(ctx: RouteContext): Promise<Reply> {
  const isAdd = ctx.url.pathname.startsWith('/cart/add');
  let mutation: 'add' | 'set' | 'remove' = 'add';
  if (!isAdd) {
    const body = await ctx.readBody();
    mutation = body['action'] === 'remove' ? 'remove' : 'set';
  }
  try {
    const { id, created } = await mutateCart(ctx, mutation);
    return redirectReply('/cart', 303, created ? { 'set-cookie': cartCookieHeader(id) } : undefined);
  } catch (err) {
    if (err instanceof ClientError && err.status === 409) return redirectReply('/cart', 303);
    throw err;
  }
}
