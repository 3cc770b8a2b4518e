import type { Catalog } from './catalog';
import type { CartLines } from './cart';
import { formatPrice, priceCents } from './pages/html';

export type CartItemView = {
  slug: string;
  title: string;
  price: number;
  quantity: number;
  lineTotal: number;
  priceFormatted: string;
  lineTotalFormatted: string;
};

/** The cart as the API returns it and the cart page shows it; prices follow this deployment's priceDelta. */
export type CartView = {
  id: string | null;
  items: CartItemView[];
  count: number;
  subtotal: number;
  subtotalFormatted: string;
  currency: 'USD';
};

export function cartView(catalog: Catalog, id: string | null, lines: CartLines | undefined, priceDelta: number): CartView {
  const items: CartItemView[] = [];
  let count = 0;
  let subtotalCents = 0;
  for (const [slug, quantity] of lines ?? []) {
    const product = catalog.bySlug.get(slug);
    if (!product) continue;
    const unit = priceCents(product, priceDelta);
    items.push({
      slug,
      title: product.title,
      price: unit / 100,
      quantity,
      lineTotal: (unit * quantity) / 100,
      priceFormatted: formatPrice(unit),
      lineTotalFormatted: formatPrice(unit * quantity),
    });
    count += quantity;
    subtotalCents += unit * quantity;
  }
  return { id, items, count, subtotal: subtotalCents / 100, subtotalFormatted: formatPrice(subtotalCents), currency: 'USD' };
}
