import {
  adjectives,
  collectionSpecs,
  colors,
  descriptionDetails,
  descriptionOpeners,
  landingSpecs,
  type LandingSpec,
} from './catalog-words';

export type Product = {
  index: number;
  slug: string;
  title: string;
  collection: string;
  priceCents: number;
  stock: number;
  color: string;
  rating: number;
  reviewCount: number;
  /** Lower-cased title and collection name, precomputed so search is a plain scan. */
  searchText: string;
};

export type Collection = { slug: string; name: string; tagline: string; products: Product[] };

export type Catalog = {
  products: readonly Product[];
  bySlug: ReadonlyMap<string, Product>;
  collections: readonly Collection[];
  collectionBySlug: ReadonlyMap<string, Collection>;
  landings: readonly LandingSpec[];
  landingBySlug: ReadonlyMap<string, LandingSpec>;
  featured: readonly Product[];
};

export const catalogSeed = 0x5eed_2026;

/** mulberry32: tiny, fast and good enough for fake data; the same seed always yields the same catalog. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Generates a fresh catalog; products are drawn in order from one stream, so a smaller catalog is a prefix of a larger one. */
export function generateCatalog(productCount: number): Catalog {
  const rand = seededRandom(catalogSeed);
  const collections: Collection[] = collectionSpecs.map((spec) => ({
    slug: spec.slug,
    name: spec.name,
    tagline: spec.tagline,
    products: [],
  }));
  const products: Product[] = [];
  const bySlug = new Map<string, Product>();
  const titles = new Set<string>();

  for (let index = 0; index < productCount; index++) {
    const specIndex = Math.floor(rand() * collectionSpecs.length);
    const spec = collectionSpecs[specIndex]!;
    const color = pick(rand, colors);
    let title = '';
    // A few redraws keep most names short; past that, a colour and then a number keep titles (and slugs) unique.
    for (let attempt = 0; attempt < 4 && (title === '' || titles.has(title)); attempt++) {
      title = `${pick(rand, adjectives)} ${pick(rand, spec.materials)} ${pick(rand, spec.nouns)}`;
    }
    if (titles.has(title)) title = `${title} in ${color}`;
    for (let n = 2; titles.has(title); n++) title = `${title.replace(/ No\. \d+$/, '')} No. ${n}`;
    titles.add(title);

    const [low, high] = spec.price;
    const dollars = low + Math.floor(rand() * (high - low));
    const endings = [99, 99, 99, 0, 50, 95] as const;
    const priceCents = dollars * 100 + pick(rand, endings);
    const stockRoll = rand();
    const stock =
      stockRoll < 0.1 ? 0 : stockRoll < 0.25 ? 1 + Math.floor(rand() * 5) : 6 + Math.floor(rand() * 195);
    const product: Product = {
      index,
      slug: slugify(title),
      title,
      collection: spec.slug,
      priceCents,
      stock,
      color,
      rating: Math.round((3.2 + rand() * 1.8) * 10) / 10,
      reviewCount: Math.floor(rand() * 900),
      searchText: `${title} ${spec.name} ${color}`.toLowerCase(),
    };
    products.push(product);
    bySlug.set(product.slug, product);
    collections[specIndex]!.products.push(product);
  }

  const featured = products.filter((p) => p.stock > 0).slice(0, 8);
  return {
    products,
    bySlug,
    collections,
    collectionBySlug: new Map(collections.map((c) => [c.slug, c])),
    landings: landingSpecs,
    landingBySlug: new Map(landingSpecs.map((l) => [l.slug, l])),
    featured,
  };
}

const cache = new Map<number, Catalog>();

/** Both deployments in one process share one catalog object: it is read-only. */
export function getCatalog(productCount: number): Catalog {
  let catalog = cache.get(productCount);
  if (!catalog) {
    catalog = generateCatalog(productCount);
    cache.set(productCount, catalog);
  }
  return catalog;
}

export function productDescription(product: Product): string {
  const rand = seededRandom(catalogSeed ^ (product.index * 2654435761));
  const first = pick(rand, descriptionOpeners);
  const second = pick(rand, descriptionDetails);
  let third = pick(rand, descriptionDetails);
  if (third === second) third = descriptionDetails[(descriptionDetails.indexOf(second) + 1) % descriptionDetails.length]!;
  return `${first} The ${product.title} comes in ${product.color.toLowerCase()}. ${second} ${third}`;
}

export function searchProducts(catalog: Catalog, query: string, limit: number): { total: number; items: Product[] } {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return { total: 0, items: [] };
  const items: Product[] = [];
  let total = 0;
  for (const product of catalog.products) {
    if (terms.every((term) => product.searchText.includes(term))) {
      total++;
      if (items.length < limit) items.push(product);
    }
  }
  return { total, items };
}

export function relatedProducts(catalog: Catalog, product: Product, count: number): Product[] {
  const siblings = catalog.collectionBySlug.get(product.collection)?.products ?? [];
  const at = siblings.indexOf(product);
  const out: Product[] = [];
  for (let i = 1; i <= siblings.length && out.length < count; i++) {
    const candidate = siblings[(at + i) % siblings.length];
    if (candidate && candidate !== product) out.push(candidate);
  }
  return out;
}
