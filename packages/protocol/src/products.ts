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

export type ProductStock = 'in_stock' | 'out_of_stock' | 'preorder';

/** What `PUT /api/v1/products/:productId` takes: the whole product (create or replace). */
export interface ProductInput {
  name: string;
  description?: string;
  /** A decimal amount (12.5) in `currency`; or give `priceMinor`. */
  price?: number | string;
  /** Minor units (1250 for 12.50 EUR); used when `price` is not given. */
  priceMinor?: number;
  currency: string;
  imageUrl?: string | null;
  pageUrl?: string | null;
  category?: string | null;
  tags?: string[];
  stock?: ProductStock;
  attributes?: Record<string, string | number>;
  related?: { accessories?: string[]; alternatives?: string[] };
}

/** One thing wrong with a product, by field (API) or by row and column (CSV import), with a stable code. */
export interface ProductProblem {
  /** The CSV row as a spreadsheet numbers it (the header is row 1); absent for the API. */
  row?: number;
  /** The field (API: name, price, related.accessories…) or the CSV column (name, price, accessories…); null for the whole row. */
  column: string | null;
  /** Stable: name_required, price_invalid, currency_invalid, related_unknown… */
  code: string;
  message: string;
}

/** A checked catalogue CSV: what importing it would do, and every bad row. Nothing is written. */
export interface ProductImportPreview {
  /** The file's columns and the product field each is read as (null: not read). */
  columns: { header: string; field: string | null }[];
  rows: number;
  /** Rows that create a product, and rows whose id is a product already (it is replaced). */
  creates: number;
  updates: number;
  /** The first rows as they will be stored (the valid ones). */
  preview: ProductDto[];
  /** Every problem (at most the first 1,000), row by row; any problem refuses the whole import. */
  problems: ProductProblem[];
  /** How many rows have a problem. */
  refused: number;
}

export interface ProductImportResult {
  created: number;
  updated: number;
}
