import type { Collection } from '../catalog';
import { esc, layout, pagination, productGrid, type View } from './html';

export const pageSize = 24;

export function renderHome(view: View): string {
  const { catalog } = view;
  const collections = catalog.collections
    .slice(0, 6)
    .map((c) => `<li class="card" data-testid="collection-card"><a href="/collections/${c.slug}"><strong>${esc(c.name)}</strong></a><br><small>${esc(c.tagline)}</small></li>`)
    .join('');
  const landings = catalog.landings
    .map((l) => `<a href="/landing/${l.slug}" data-testid="landing-link">${esc(l.title)}</a>`)
    .join(' · ');
  return layout(view, {
    title: 'Vigil Demo Store',
    body: `<section class="hero" data-testid="hero"><h1>Quality goods for everyday life</h1>
<p>Free shipping over $50 · 30-day returns · ${catalog.products.length.toLocaleString('en-US')} products</p>
<a class="btn" href="/landing/black-friday" data-testid="hero-cta">Shop Black Friday</a></section>
<p>${landings}</p>
<h2>Featured collections</h2><ul class="grid" data-testid="featured-collections">${collections}</ul>
<h2>Featured products</h2>${productGrid(catalog.featured, view, 'featured-products')}`,
  });
}

export function renderLanding(view: View, slug: string): string | null {
  const landing = view.catalog.landingBySlug.get(slug);
  if (!landing) return null;
  const products = landing.collections.flatMap(
    (c) => view.catalog.collectionBySlug.get(c)?.products.filter((p) => p.stock > 0).slice(0, 4) ?? [],
  );
  const links = landing.collections
    .map((c) => view.catalog.collectionBySlug.get(c))
    .filter((c): c is Collection => c !== undefined)
    .map((c) => `<a href="/collections/${c.slug}">${esc(c.name)}</a>`)
    .join(' · ');
  return layout(view, {
    title: landing.title,
    description: landing.blurb,
    body: `<section class="hero" data-testid="landing-hero"><h1 data-testid="landing-title">${esc(landing.headline)}</h1><p>${esc(landing.blurb)}</p></section>
<p>Shop by collection: ${links}</p>${productGrid(products, view, 'landing-products')}`,
  });
}

export function collectionPageCount(collection: Collection): number {
  return Math.max(1, Math.ceil(collection.products.length / pageSize));
}

/** Returns null for an unknown collection or a page past the end, both of which are 404s. */
export function renderCollection(view: View, slug: string, page: number): string | null {
  const collection = view.catalog.collectionBySlug.get(slug);
  if (!collection) return null;
  const pages = collectionPageCount(collection);
  if (page < 1 || page > pages) return null;
  const items = collection.products.slice((page - 1) * pageSize, page * pageSize);
  return layout(view, {
    title: page > 1 ? `${collection.name} (page ${page})` : collection.name,
    description: collection.tagline,
    body: `<h1 data-testid="collection-title">${esc(collection.name)}</h1><p>${esc(collection.tagline)} <span data-testid="collection-count">${collection.products.length} products</span></p>
${productGrid(items, view)}${pagination(`/collections/${collection.slug}`, page, pages)}`,
  });
}
