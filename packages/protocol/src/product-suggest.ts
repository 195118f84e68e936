/** Product suggestions for the operator (E3): what GET /api/v1/conversations/:id/product-suggestions returns. */
import type { ProductCard } from './rich.js';

export type ProductSuggestionKind = 'cross_sell' | 'up_sell' | 'match';

export interface ProductSuggestionDto {
  product: ProductCard;
  kind: ProductSuggestionKind;
  /** Why it is suggested, shown as is: "Accessory of Desk lamp", "Better alternative in Lighting, +€15", "Matches “waterproof boots”". */
  reason: string;
  /** The product in context it comes from (cross-sell, up-sell), null for a match of the visitor's words. */
  anchorId: string | null;
}

export interface ProductSuggestionsDto {
  /** The product the visitor is looking at or talking about (compare with it), null when none is known. */
  context: ProductCard | null;
  suggestions: ProductSuggestionDto[];
  /** The workspace has products at all (the console hides the region when not). */
  catalogue: boolean;
}
