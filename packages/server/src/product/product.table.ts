/** Row types of the catalogue (migration 0043), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export type StockState = 'in_stock' | 'out_of_stock' | 'preorder';
export type ProductRelationKind = 'accessory' | 'alternative';

export interface ProductTable {
  workspace_id: string;
  /** The shop's own product id. */
  id: string;
  name: string;
  description: string;
  /** Minor units (cents) of `currency`. */
  price_minor: number;
  /** ISO 4217, upper case. */
  currency: string;
  image_url: string | null;
  page_url: string | null;
  category: string | null;
  /** JSON array of strings. */
  tags: string;
  stock: StockState;
  /** JSON object: attribute name -> text or number. */
  attributes: string;
  created_at: number;
  updated_at: number;
}

export interface ProductRelationTable {
  workspace_id: string;
  product_id: string;
  related_id: string;
  kind: ProductRelationKind;
}

export type ProductRow = Selectable<ProductTable>;
export type ProductRelationRow = Selectable<ProductRelationTable>;

declare module '../db/tables.js' {
  interface Database {
    products: ProductTable;
    product_relations: ProductRelationTable;
  }
}
