import { productDescription, relatedProducts, searchProducts, type Product } from '../catalog';
import { esc, formatPrice, layout, priceCents, productGrid, stockLabel, type View } from './html';

export function renderProduct(view: View, product: Product): string {
  const collection = view.catalog.collectionBySlug.get(product.collection);
  const soldOut = product.stock <= 0;
  const stockClass = soldOut ? 'error' : product.stock <= 5 ? 'low' : 'ok';
  // The form posts without JavaScript too; app.js takes over the submit so the page does not reload.
  const form = `<form method="post" action="/cart/add" data-testid="add-to-cart-form" data-product-slug="${product.slug}" data-product-title="${esc(product.title)}">
<input type="hidden" name="slug" value="${product.slug}">
<label>Quantity <input type="number" name="quantity" value="1" min="1" max="99" data-testid="add-quantity"></label>
<button class="btn" type="submit" data-testid="add-to-cart"${soldOut ? ' disabled' : ''}>${soldOut ? 'Sold out' : 'Add to cart'}</button>
</form>
<p class="notice" data-testid="cart-confirmation" role="status" hidden></p>`;
  return layout(view, {
    title: product.title,
    description: `${product.title} – ${formatPrice(priceCents(product, view.priceDelta))}`,
    body: `<nav data-testid="breadcrumbs"><a href="/">Home</a> / <a href="/collections/${product.collection}">${esc(collection?.name ?? product.collection)}</a></nav>
<article data-testid="product" data-product-slug="${product.slug}" itemscope itemtype="https://schema.org/Product">
<h1 data-testid="product-title" itemprop="name">${esc(product.title)}</h1>
<p class="price" data-testid="price" itemprop="price" content="${(priceCents(product, view.priceDelta) / 100).toFixed(2)}">${formatPrice(priceCents(product, view.priceDelta))}</p>
<p data-testid="stock" class="stock ${stockClass}">${stockLabel(product.stock)}</p>
<p data-testid="rating">★ ${product.rating.toFixed(1)} (${product.reviewCount} reviews)</p>
<p data-testid="description" itemprop="description">${esc(productDescription(product))}</p>
${form}
</article>
<h2>You may also like</h2>${productGrid(relatedProducts(view.catalog, product, 4), view, 'related-products')}`,
  });
}

export const searchLimit = 48;

export function renderSearch(view: View, query: string): string {
  const trimmed = query.trim().slice(0, 200);
  const { total, items } = searchProducts(view.catalog, trimmed, searchLimit);
  let results: string;
  if (trimmed === '') results = '<p data-testid="search-empty">Type a product name, material or collection.</p>';
  else if (total === 0) results = `<p data-testid="search-no-results">No products match “${esc(trimmed)}”.</p>`;
  else {
    const shown = total > items.length ? ` (showing the first ${items.length})` : '';
    results = `<p data-testid="search-count">${total} result${total === 1 ? '' : 's'} for “${esc(trimmed)}”${shown}</p>${productGrid(items, view, 'search-results')}`;
  }
  return layout(view, {
    title: trimmed ? `Search: ${trimmed}` : 'Search',
    body: `<h1>Search</h1><form action="/search" role="search"><input type="search" name="q" value="${esc(trimmed)}" data-testid="search-page-input"> <button class="btn" type="submit">Search</button></form>${results}`,
  });
}
