import type { Catalog, Product } from '../catalog';
import { appScriptPath } from '../assets';

export const shopName = 'Vigil Demo Store';

/** What a page needs beyond its own data: who serves it and which faults shape it. */
export type View = {
  catalog: Catalog;
  deployment: 'primary' | 'backup';
  buildId: string;
  priceDelta: number;
  brokenAddToCart: boolean;
  cartCount: number;
};

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => escapes[c]!);
}

export function priceCents(product: Product, priceDelta: number): number {
  return Math.max(0, product.priceCents + Math.round(priceDelta * 100));
}

export function formatPrice(cents: number): string {
  const dollars = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

export function stockLabel(stock: number): string {
  if (stock <= 0) return 'Out of stock';
  if (stock <= 5) return `Only ${stock} left`;
  return 'In stock';
}

const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}
a{color:#0b57d0;text-decoration:none}a:hover{text-decoration:underline}
.site-header{display:flex;flex-wrap:wrap;gap:16px;align-items:center;padding:12px 24px;background:#fff;border-bottom:1px solid #e5e5e5}
.logo{font-weight:700;font-size:20px;color:#1d1d1f}.nav{display:flex;gap:12px;flex:1;flex-wrap:wrap;font-size:14px}
.badge{display:inline-block;min-width:22px;padding:0 6px;border-radius:11px;background:#1d1d1f;color:#fff;text-align:center;font-size:13px}
main{max-width:1120px;margin:0 auto;padding:24px}.hero{padding:48px 32px;border-radius:12px;background:linear-gradient(120deg,#1d3557,#457b9d);color:#fff}
.grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:20px}
.card{background:#fff;border:1px solid #eee;border-radius:10px;padding:12px}.thumb{aspect-ratio:4/3;border-radius:8px;margin-bottom:8px}
.price{font-size:24px;font-weight:600}.btn{display:inline-block;padding:10px 18px;border:0;border-radius:8px;background:#1d1d1f;color:#fff;font-size:16px;cursor:pointer}
.notice{padding:10px 14px;border-radius:8px;background:#e7f5ec;color:#185c37}.error{background:#fdecea;color:#8a1c14}
table{width:100%;border-collapse:collapse}td,th{padding:8px;border-bottom:1px solid #eee;text-align:left}
form.stack{display:grid;gap:10px;max-width:420px}input{padding:8px;font-size:16px}
footer{padding:24px;color:#666;font-size:13px;text-align:center}`;

const navCache = new WeakMap<Catalog, string>();

function nav(catalog: Catalog): string {
  let html = navCache.get(catalog);
  if (html === undefined) {
    html = catalog.collections
      .slice(0, 8)
      .map((c) => `<a href="/collections/${c.slug}">${esc(c.name)}</a>`)
      .join('');
    navCache.set(catalog, html);
  }
  return html;
}

export type PageParts = { title: string; description?: string; body: string; bodyClass?: string };

export function layout(view: View, page: PageParts): string {
  const title = page.title === shopName ? shopName : `${page.title} – ${shopName}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(title)}</title>
<meta name="description" content="${esc(page.description ?? 'Quality goods for everyday life, shipped free over $50.')}">
<meta name="build-id" content="${esc(view.buildId)}"><meta name="deployment" content="${view.deployment}">
<style>${css}</style><script src="${appScriptPath(view.brokenAddToCart)}" defer></script></head>
<body class="${page.bodyClass ?? ''}">
<header class="site-header"><a class="logo" href="/" data-testid="logo">${shopName}</a>
<nav class="nav" data-testid="main-nav">${nav(view.catalog)}</nav>
<form action="/search" role="search" data-testid="search-form"><input type="search" name="q" placeholder="Search products" aria-label="Search products" data-testid="search-input"></form>
<a href="/account/login" data-testid="account-link">Account</a>
<a href="/cart" data-testid="cart-link">Cart <span class="badge" data-testid="cart-count">${view.cartCount}</span></a></header>
<main id="main">${page.body}</main>
<footer>© 2026 ${shopName} · a demo shop for Vigil · build <span data-testid="build-id">${esc(view.buildId)}</span> · ${view.deployment}</footer>
</body></html>`;
}

export function productCard(product: Product, view: View): string {
  const hue = (product.index * 47) % 360;
  return `<li class="card" data-testid="product-card" data-product-slug="${product.slug}"><a href="/products/${product.slug}">` +
    `<div class="thumb" style="background:hsl(${hue} 45% 82%)" role="img" aria-label="${esc(product.title)}"></div>` +
    `<span data-testid="product-card-title">${esc(product.title)}</span></a><br>` +
    `<span data-testid="card-price">${formatPrice(priceCents(product, view.priceDelta))}</span>` +
    `${product.stock === 0 ? ' · <small>Sold out</small>' : ''}</li>`;
}

export function productGrid(products: readonly Product[], view: View, testId = 'product-grid'): string {
  return `<ul class="grid" data-testid="${testId}">${products.map((p) => productCard(p, view)).join('')}</ul>`;
}

export function pagination(basePath: string, page: number, pages: number): string {
  if (pages <= 1) return '';
  const prev = page > 1 ? `<a rel="prev" href="${basePath}?page=${page - 1}" data-testid="prev-page">← Previous</a>` : '';
  const next = page < pages ? `<a rel="next" href="${basePath}?page=${page + 1}" data-testid="next-page">Next →</a>` : '';
  return `<nav class="pagination" data-testid="pagination">${prev} <span data-testid="page-indicator">Page ${page} of ${pages}</span> ${next}</nav>`;
}
