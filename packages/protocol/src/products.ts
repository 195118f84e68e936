/** The catalogue (E2) as the API presents it. */
import type { ProductCard } from './rich.js';

export interface ProductDto extends ProductCard {
  tags: string[];
  /** The shop's own image address, as imported (cards use the server's checked copy, `imageUrl`). */
  imageSourceUrl: string | null;
  /** Ids of related products: accessories, and alternatives to it. */
  related: { accessories: string[]; alternatives: string[] };
  createdAt: number;
  updatedAt: number;
}
