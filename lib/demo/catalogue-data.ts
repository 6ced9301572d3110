/** Word lists for the demo shop's catalogue: 8 categories, 25 products each. */

export interface CategorySpec {
  name: string;
  skuPrefix: string;
  /** Price range in pence (inclusive). */
  minPence: number;
  maxPence: number;
  adjectives: readonly string[];
  nouns: readonly string[];
}

const words = (s: string): readonly string[] => s.split("|");

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: "Kitchen",
    skuPrefix: "KIT",
    minPence: 499,
    maxPence: 8999,
    adjectives: words("Speckled|Enamel|Oak|Copper|Stoneware|Cast Iron"),
    nouns: words("Mug|Teapot|Chopping Board|Casserole Dish|Utensil Set|Mixing Bowl|Salad Servers|Butter Dish"),
  },
  {
    name: "Home Decor",
    skuPrefix: "HOM",
    minPence: 799,
    maxPence: 14999,
    adjectives: words("Linen|Rattan|Ceramic|Velvet|Woven|Brass"),
    nouns: words("Cushion Cover|Throw|Vase|Table Lamp|Mirror|Photo Frame|Candle Holder|Wall Hanging"),
  },
  {
    name: "Garden",
    skuPrefix: "GAR",
    minPence: 399,
    maxPence: 12999,
    adjectives: words("Galvanised|Terracotta|Bamboo|Heritage|Weatherproof|Hand-forged"),
    nouns: words("Watering Can|Planter|Trowel|Bird Feeder|Seed Collection|Kneeler|Solar Lantern|Pruning Shears"),
  },
  {
    name: "Stationery",
    skuPrefix: "STA",
    minPence: 199,
    maxPence: 3999,
    adjectives: words("Dotted|Recycled|Leather-bound|Pastel|Letterpress|Marbled"),
    nouns: words("Notebook|Planner|Pen Set|Greeting Cards|Washi Tape|Desk Organiser|Sketchbook|Envelope Pack"),
  },
  {
    name: "Toys & Games",
    skuPrefix: "TOY",
    minPence: 599,
    maxPence: 6999,
    adjectives: words("Wooden|Classic|Pocket|Family|Magnetic|Deluxe"),
    nouns: words("Puzzle|Board Game|Building Blocks|Card Game|Kite|Marble Run|Jigsaw|Train Set"),
  },
  {
    name: "Beauty",
    skuPrefix: "BEA",
    minPence: 350,
    maxPence: 4500,
    adjectives: words("Lavender|Rosehip|Oat|Sea Salt|Citrus|Unscented"),
    nouns: words("Hand Cream|Soap Bar|Bath Salts|Face Oil|Lip Balm|Body Wash|Candle|Gift Set"),
  },
  {
    name: "Apparel",
    skuPrefix: "APP",
    minPence: 1200,
    maxPence: 11999,
    adjectives: words("Merino|Organic Cotton|Striped|Waxed|Cable-knit|Linen"),
    nouns: words("Scarf|Beanie|Socks (3 pack)|Apron|Tote Bag|Jumper|Gloves|Cap"),
  },
  {
    name: "Coffee & Tea",
    skuPrefix: "COF",
    minPence: 450,
    maxPence: 3500,
    adjectives: words("Single Origin|Breakfast|Decaf|Smoked|Jasmine|Spiced"),
    nouns: words("Coffee Beans 250g|Ground Coffee|Loose Leaf Tea|Tea Bags (40)|Cold Brew Kit|Chai Blend|Drip Bags|Sampler Box"),
  },
];

export const PRODUCTS_PER_CATEGORY = 25;
