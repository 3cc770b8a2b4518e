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

/** Lower case without accents, so "Bouclé" slugs and searches as "boucle". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // normalize() is costly and most words are plain ASCII.
  return /[\u0080-\uffff]/.test(lower) ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
}

export function slugify(text: string): string {
  return fold(text)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

type Word = { text: string; slug: string; folded: string; id: number };

/** Ids are global across lists, so "Fleece Hoodie" in two collections is recognised as the same title. */
function wordTable(): (list: readonly string[]) => Word[] {
  const ids = new Map<string, number>();
  return (list) =>
    list.map((text) => {
      let id = ids.get(text);
      if (id === undefined) ids.set(text, (id = ids.size));
      return { text, slug: slugify(text), folded: fold(text), id };
    });
}

function pickIndex(rand: () => number, length: number): number {
  return Math.floor(rand() * length);
}

const priceEndings = [99, 99, 99, 0, 50, 95] as const;

/**
 * Generates a fresh catalog. Products are drawn in order from one stream, so
 * a smaller catalog is a prefix of a larger one. Titles, slugs and search
 * text are assembled from per-word pieces prepared once, and uniqueness is
 * tracked by numeric keys: this keeps 5,000 products to a few milliseconds.
 */
export function generateCatalog(productCount: number): Catalog {
  const rand = seededRandom(catalogSeed);
  const words = wordTable();
  const adjectiveWords = words(adjectives);
  const colorWords = words(colors);
  const specs = collectionSpecs.map((spec) => ({
    spec,
    nouns: words(spec.nouns),
    materials: words(spec.materials),
    folded: fold(spec.name),
  }));
  const collections: Collection[] = collectionSpecs.map((spec) => ({
    slug: spec.slug,
    name: spec.name,
    tagline: spec.tagline,
    products: [],
  }));
  const products: Product[] = [];
  const bySlug = new Map<string, Product>();
  const taken = new Set<number>();
  const takenWithColor = new Map<number, number>();

  for (let index = 0; index < productCount; index++) {
    const specIndex = pickIndex(rand, specs.length);
    const { spec, nouns, materials, folded } = specs[specIndex]!;
    const colorIndex = pickIndex(rand, colorWords.length);
    const color = colorWords[colorIndex]!;
    let key = -1;
    let adj = 0;
    let mat = 0;
    let noun = 0;
    // A few redraws keep most names short; past that, a colour and then a number keep titles (and slugs) unique.
    for (let attempt = 0; attempt < 4 && (key === -1 || taken.has(key)); attempt++) {
      adj = pickIndex(rand, adjectiveWords.length);
      mat = pickIndex(rand, materials.length);
      noun = pickIndex(rand, nouns.length);
      key = (adjectiveWords[adj]!.id * 1024 + materials[mat]!.id) * 1024 + nouns[noun]!.id;
    }
    const a = adjectiveWords[adj]!;
    const m = materials[mat]!;
    const n = nouns[noun]!;
    let title = `${a.text} ${m.text} ${n.text}`;
    let slug = `${a.slug}-${m.slug}-${n.slug}`;
    if (taken.has(key)) {
      const colorKey = key * 64 + colorIndex;
      const seen = takenWithColor.get(colorKey) ?? 0;
      takenWithColor.set(colorKey, seen + 1);
      title += ` in ${color.text}`;
      slug += `-in-${color.slug}`;
      if (seen > 0) {
        title += ` No. ${seen + 1}`;
        slug += `-no-${seen + 1}`;
      }
    }
    taken.add(key);

    const [low, high] = spec.price;
    const dollars = low + Math.floor(rand() * (high - low));
    const priceCents = dollars * 100 + priceEndings[pickIndex(rand, priceEndings.length)]!;
    const stockRoll = rand();
    const stock =
      stockRoll < 0.1 ? 0 : stockRoll < 0.25 ? 1 + Math.floor(rand() * 5) : 6 + Math.floor(rand() * 195);
    const product: Product = {
      index,
      slug,
      title,
      collection: spec.slug,
      priceCents,
      stock,
      color: color.text,
      rating: Math.round((3.2 + rand() * 1.8) * 10) / 10,
      reviewCount: Math.floor(rand() * 900),
      searchText: `${a.folded} ${m.folded} ${n.folded} ${folded} ${color.folded}`,
    };
    products.push(product);
    bySlug.set(slug, product);
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
  const terms = fold(query).split(/\s+/).filter(Boolean);
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
