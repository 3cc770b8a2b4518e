/** Word lists behind the generated catalog; each collection has its own nouns, materials and price band. */
export type CollectionSpec = {
  slug: string;
  name: string;
  tagline: string;
  nouns: readonly string[];
  materials: readonly string[];
  /** Price band in whole dollars. */
  price: readonly [number, number];
};

export const collectionSpecs: readonly CollectionSpec[] = [
  { slug: 'jackets', name: 'Jackets & Coats', tagline: 'Layers built for wind, rain and city streets.', nouns: ['Parka', 'Jacket', 'Anorak', 'Windbreaker', 'Bomber', 'Overcoat', 'Vest'], materials: ['Wool', 'Down', 'Waxed Cotton', 'Nylon', 'Leather', 'Fleece', 'Canvas'], price: [79, 420] },
  { slug: 'shoes', name: 'Shoes', tagline: 'From trail to office, shoes that go the distance.', nouns: ['Sneaker', 'Loafer', 'Boot', 'Runner', 'Derby', 'Chelsea Boot', 'Sandal'], materials: ['Suede', 'Leather', 'Knit', 'Canvas', 'Mesh', 'Nubuck'], price: [49, 260] },
  { slug: 'shirts', name: 'Shirts', tagline: 'Crisp collars and soft everyday tees.', nouns: ['Shirt', 'Oxford', 'Tee', 'Henley', 'Polo', 'Overshirt'], materials: ['Cotton', 'Linen', 'Flannel', 'Chambray', 'Poplin', 'Jersey'], price: [19, 110] },
  { slug: 'knitwear', name: 'Knitwear', tagline: 'Warm knits for cold mornings.', nouns: ['Sweater', 'Cardigan', 'Hoodie', 'Pullover', 'Turtleneck'], materials: ['Merino', 'Cashmere', 'Wool', 'Cotton', 'Alpaca', 'Fleece'], price: [39, 240] },
  { slug: 'trousers', name: 'Trousers', tagline: 'Chinos, denim and joggers that fit.', nouns: ['Chino', 'Jeans', 'Trouser', 'Jogger', 'Cargo Pant', 'Short'], materials: ['Denim', 'Twill', 'Corduroy', 'Cotton', 'Linen', 'Ripstop'], price: [29, 160] },
  { slug: 'dresses', name: 'Dresses & Skirts', tagline: 'Easy shapes for every season.', nouns: ['Dress', 'Midi Skirt', 'Jumpsuit', 'Wrap Dress', 'Slip Dress'], materials: ['Silk', 'Linen', 'Cotton', 'Satin', 'Viscose', 'Jersey'], price: [39, 220] },
  { slug: 'bags', name: 'Bags', tagline: 'Carry more, worry less.', nouns: ['Backpack', 'Tote', 'Duffel', 'Messenger Bag', 'Crossbody', 'Weekender'], materials: ['Leather', 'Canvas', 'Nylon', 'Waxed Cotton', 'Recycled Polyester'], price: [35, 320] },
  { slug: 'accessories', name: 'Accessories', tagline: 'The finishing touches.', nouns: ['Scarf', 'Beanie', 'Gloves', 'Snood', 'Mittens'], materials: ['Wool', 'Cashmere', 'Alpaca', 'Merino', 'Fleece', 'Lambswool'], price: [15, 140] },
  { slug: 'jewelry', name: 'Jewelry', tagline: 'Small pieces, made to last.', nouns: ['Ring', 'Necklace', 'Bracelet', 'Earrings', 'Pendant'], materials: ['Sterling Silver', 'Gold-Plated', 'Brass', 'Pearl', 'Titanium'], price: [25, 390] },
  { slug: 'watches', name: 'Watches', tagline: 'Keep time in style.', nouns: ['Watch', 'Chronograph', 'Field Watch', 'Dive Watch'], materials: ['Steel', 'Titanium', 'Leather-Strap', 'Ceramic'], price: [89, 650] },
  { slug: 'home', name: 'Home', tagline: 'Comfort for every room.', nouns: ['Throw', 'Cushion', 'Blanket', 'Rug', 'Bedspread'], materials: ['Wool', 'Linen', 'Cotton', 'Velvet', 'Bouclé', 'Waffle-Knit'], price: [18, 280] },
  { slug: 'kitchen', name: 'Kitchen', tagline: 'Tools for people who cook.', nouns: ['Skillet', 'Dutch Oven', 'Saucepan', 'Roasting Pan', 'Wok', 'Sauté Pan'], materials: ['Cast Iron', 'Carbon Steel', 'Enamel', 'Copper', 'Stainless Steel'], price: [14, 310] },
  { slug: 'outdoor', name: 'Outdoor', tagline: 'Gear for the weekend and beyond.', nouns: ['Tent', 'Sleeping Bag', 'Lantern', 'Water Bottle', 'Camp Chair', 'Hammock'], materials: ['Ultralight', 'Insulated', 'Packable', 'Recycled', 'Expedition'], price: [19, 480] },
  { slug: 'sports', name: 'Sports', tagline: 'Train harder, recover better.', nouns: ['Running Tight', 'Sports Bra', 'Training Short', 'Track Jacket', 'Tank'], materials: ['Recycled Nylon', 'Mesh', 'Seamless', 'Stretch', 'Quick-Dry'], price: [19, 150] },
  { slug: 'kids', name: 'Kids', tagline: 'Tough enough for the playground.', nouns: ['Puffer', 'Rain Jacket', 'Romper', 'Hoodie', 'Overall'], materials: ['Cotton', 'Fleece', 'Recycled Nylon', 'Organic Cotton', 'Corduroy'], price: [15, 120] },
  { slug: 'beauty', name: 'Beauty', tagline: 'Clean formulas, honest labels.', nouns: ['Face Oil', 'Hand Cream', 'Lip Balm', 'Body Wash', 'Serum'], materials: ['Rosehip', 'Shea', 'Argan', 'Lavender', 'Vitamin C'], price: [9, 85] },
];

export const adjectives = [
  'Rugged', 'Classic', 'Everyday', 'Alpine', 'Coastal', 'Urban', 'Heritage', 'Lightweight',
  'Essential', 'Vintage', 'Modern', 'Nordic', 'Summit', 'Weekend', 'Trail', 'Harbor',
  'Midnight', 'Sunset', 'Relaxed', 'Tailored', 'Cozy', 'Breezy', 'Sturdy', 'Minimal',
  'Pacific', 'Highland', 'Meadow', 'Canyon', 'Voyager', 'Studio',
] as const;

export const colors = [
  'Olive', 'Navy', 'Charcoal', 'Sand', 'Rust', 'Forest', 'Slate', 'Ivory', 'Ochre', 'Plum',
  'Sage', 'Cobalt', 'Camel', 'Burgundy', 'Stone', 'Teal',
] as const;

export const descriptionOpeners = [
  'Designed for days that start early and end late.',
  'A quiet favourite of our team, now in a new season colour.',
  'Made in small batches by a family-run workshop.',
  'Our best-selling shape, refined with better materials.',
  'Built to be worn, washed and handed down.',
  'Simple lines, honest materials, no compromises.',
] as const;

export const descriptionDetails = [
  'Reinforced seams where it matters most.',
  'Finished by hand and inspected twice before it ships.',
  'Sourced from certified suppliers with traceable supply chains.',
  'Tested for a full year by our wear-test panel.',
  'Ships in recycled, plastic-free packaging.',
  'Comes with our two-year repair guarantee.',
  'Pairs well with the rest of the collection.',
  'Sized true to fit; see the guide for measurements.',
] as const;

export type LandingSpec = { slug: string; title: string; headline: string; blurb: string; collections: readonly string[] };

export const landingSpecs: readonly LandingSpec[] = [
  { slug: 'black-friday', title: 'Black Friday', headline: 'Black Friday: up to 40% off', blurb: 'Our biggest sale of the year. Limited stock, while it lasts.', collections: ['jackets', 'shoes', 'bags', 'watches'] },
  { slug: 'winter-sale', title: 'Winter Sale', headline: 'Winter Sale', blurb: 'Warm layers and cosy home goods, marked down.', collections: ['knitwear', 'jackets', 'home', 'accessories'] },
  { slug: 'new-arrivals', title: 'New Arrivals', headline: 'Just landed', blurb: 'Fresh pieces added this week.', collections: ['shirts', 'dresses', 'jewelry', 'beauty'] },
  { slug: 'gift-guide', title: 'Gift Guide', headline: 'The Gift Guide', blurb: 'Thoughtful gifts for everyone on your list.', collections: ['kitchen', 'jewelry', 'accessories', 'beauty'] },
];
