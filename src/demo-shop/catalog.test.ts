import { describe, expect, it } from 'vitest';
import { generateCatalog, getCatalog, productDescription, searchProducts, slugify } from './catalog';

describe('catalog', () => {
  it('generates 5000 products with unique titles and slugs, each in its collection', () => {
    const catalog = generateCatalog(5000);
    expect(catalog.products).toHaveLength(5000);
    expect(new Set(catalog.products.map((p) => p.slug)).size).toBe(5000);
    expect(new Set(catalog.products.map((p) => p.title)).size).toBe(5000);
    const bad = catalog.products.filter(
      (p) =>
        !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.slug) ||
        p.priceCents <= 0 ||
        !catalog.collectionBySlug.get(p.collection)?.products.includes(p),
    );
    expect(bad).toEqual([]);
  });

  it('is deterministic: two generations are identical, and a smaller catalog is a prefix of a larger one', () => {
    const a = generateCatalog(5000);
    const b = generateCatalog(5000);
    expect(b.products).toEqual(a.products);
    expect(generateCatalog(100).products).toEqual(a.products.slice(0, 100));
    expect(productDescription(a.products[42]!)).toBe(productDescription(b.products[42]!));
  });

  it('has realistic names, 10 to 20 collections, and a mix of stock levels', () => {
    const catalog = getCatalog(5000);
    expect(catalog.collections.length).toBeGreaterThanOrEqual(10);
    expect(catalog.collections.length).toBeLessThanOrEqual(20);
    expect(catalog.products[0]!.title).toMatch(/^[A-Z][a-z]+ [A-Z][\w'é -]+ [A-Z][\w' -]+$/);
    const stocks = catalog.products.map((p) => p.stock);
    expect(stocks.some((s) => s === 0)).toBe(true);
    expect(stocks.some((s) => s > 0 && s <= 5)).toBe(true);
    expect(stocks.some((s) => s > 5)).toBe(true);
  });

  it('finds products by every word of the query, ignoring case and accents', () => {
    const catalog = getCatalog(5000);
    const target = catalog.products[7]!;
    const { total, items } = searchProducts(catalog, target.title.toUpperCase(), 10);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(items).toContain(target);
    expect(searchProducts(catalog, '   ', 10).total).toBe(0);
    expect(slugify("Bouclé Chef's Knife")).toBe('boucle-chefs-knife');
  });
});
