/** What the product suggestion engine (E3) reads and returns; plain data, no storage. */

export type StockState = 'in_stock' | 'out_of_stock' | 'preorder';

export interface CatalogueProduct {
  /** The shop's own product id. */
  id: string;
  name: string;
  description: string;
  category: string | null;
  /** Minor units (cents) of `currency`. */
  priceMinor: number;
  currency: string;
  stock: StockState;
  tags: string[];
  attributes: Record<string, string | number>;
  /** The product's page on the shop, matched against the pages a visitor views. */
  pageUrl: string | null;
}

export interface CatalogueRelation {
  productId: string;
  relatedId: string;
  kind: 'accessory' | 'alternative';
}

/** One tracked purchase: who bought (a visitor or contact id), when, which products. */
export interface Basket {
  customerId: string;
  at: number;
  productIds: string[];
}

export type SuggestionKind = 'cross_sell' | 'up_sell' | 'match';

export interface ProductSuggestion {
  productId: string;
  kind: SuggestionKind;
  /** Shown to the operator: "Accessory of Desk lamp", "Often bought with Desk lamp (12 orders)", "Better alternative in Lighting, +€15", "Matches “waterproof boots”". */
  reason: string;
  /** The product in context the suggestion comes from (cross-sell, up-sell); null for a match of the visitor's words. */
  anchorId: string | null;
  score: number;
}

/** The signals the engine combines; each can be turned off (the bench measures them one by one). */
export interface Signals {
  relations: boolean;
  cooccurrence: boolean;
  upsell: boolean;
  text: boolean;
}

export interface SuggestInput {
  /** The visitor's page addresses, the current one first, then the trail newest first. */
  pageUrls?: readonly string[];
  /** Products known to be in context (e.g. the visitor's last purchase), strongest first. */
  contextIds?: readonly string[];
  /** The visitor's messages, oldest first. */
  visitorTexts?: readonly string[];
  /** Products the visitor already bought: never suggested. */
  boughtIds?: readonly string[];
  limit?: number;
  signals?: Partial<Signals>;
}

export interface SuggestResult {
  suggestions: ProductSuggestion[];
  /** The products found in context, strongest first (the page viewed, the products named). */
  contextIds: string[];
}
