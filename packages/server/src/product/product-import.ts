/**
 * A catalogue CSV, read with the contacts import's parser (csvRows: streamed,
 * the event loop given back; cells a spreadsheet export protected read back
 * as written) and checked row by row with the API's own checker. Related
 * products may be rows of the same file. Any bad row refuses the whole file:
 * the report lists every one (row, column, reason) and nothing is written.
 */
import type { ProductDto, ProductImportPreview, ProductProblem } from '@switchboard/protocol';
import { CsvSyntaxError, csvRows, unprotect } from '../contact/import/import-csv.js';
import type { Db } from '../db/database.js';
import { type CheckedProduct, checkProduct, type Field, type ProductDraft, unknownRelations } from './product-check.js';
import { presentProduct } from './product.presenter.js';
import { existingIds } from './product.repository.js';

export const MAX_PRODUCT_ROWS = 20_000;
const MAX_PROBLEMS = 1000;
const PREVIEW_ROWS = 5;

export const COLUMNS = [
  'id',
  'name',
  'description',
  'price',
  'currency',
  'image_url',
  'page_url',
  'category',
  'tags',
  'stock',
  'attributes',
  'accessories',
  'alternatives',
] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['id', 'name', 'price', 'currency'];

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const ALIASES: Record<Column, string[]> = {
  id: ['id', 'productid', 'sku'],
  name: ['name', 'productname', 'title'],
  description: ['description'],
  price: ['price', 'amount'],
  currency: ['currency'],
  image_url: ['imageurl', 'image'],
  page_url: ['pageurl', 'url', 'link', 'productpageurl'],
  category: ['category'],
  tags: ['tags', 'tag'],
  stock: ['stock', 'availability'],
  attributes: ['attributes'],
  accessories: ['accessories'],
  alternatives: ['alternatives'],
};
/** The CSV column of each of the checker's fields (so a problem names the column the file has). */
const COLUMN_OF: Record<Field, Column> = {
  id: 'id',
  name: 'name',
  description: 'description',
  price: 'price',
  currency: 'currency',
  imageUrl: 'image_url',
  pageUrl: 'page_url',
  category: 'category',
  tags: 'tags',
  stock: 'stock',
  attributes: 'attributes',
  accessories: 'accessories',
  alternatives: 'alternatives',
};

const list = (v: string | undefined) =>
  (v ?? '')
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);
const NUMBER = /^-?\d+(\.\d+)?$/;

/** `color=red|weight_kg=1.2` → { color: 'red', weight_kg: 1.2 } (numbers kept as numbers); null when a part has no `=`. */
export function parseAttributeCell(v: string | undefined): Record<string, string | number> | null {
  const out: Record<string, string | number> = {};
  for (const part of list(v)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const value = part.slice(eq + 1).trim();
    out[part.slice(0, eq).trim()] = NUMBER.test(value) ? Number(value) : value;
  }
  return out;
}

export interface ImportPlan extends ProductImportPreview {
  products: CheckedProduct[];
}

/** Reads and checks the whole file; `problems` empty means it can be imported as it is. */
export async function planProductImport(db: Db, workspaceId: string, text: string, now: number): Promise<ImportPlan> {
  const problems: ProductProblem[] = [];
  let refusedRows = new Set<number>();
  const problem = (row: number, column: string | null, code: string, message: string) => {
    refusedRows.add(row);
    if (problems.length < MAX_PROBLEMS) problems.push({ row, column, code, message: `Row ${row}: ${message}` });
  };
  let headers: string[] | null = null;
  let index: Partial<Record<Column, number>> = {};
  const checked: { row: number; product: CheckedProduct }[] = [];
  const firstRowOf = new Map<string, number>();
  let rows = 0;
  const empty = (): ImportPlan => ({ columns: [], rows, creates: 0, updates: 0, preview: [], problems, refused: refusedRows.size, products: [] });
  try {
    for await (const cells of csvRows(text)) {
      if (!headers) {
        headers = cells.map((h, i) => h.trim() || `Column ${i + 1}`);
        index = {};
        headers.forEach((h, i) => {
          const col = COLUMNS.find((c) => ALIASES[c].includes(squash(h)));
          if (col && index[col] === undefined) index[col] = i;
        });
        const missing = REQUIRED.filter((c) => index[c] === undefined);
        if (missing.length) {
          problem(1, null, 'columns_missing', `The file needs the columns ${missing.join(', ')} (the first row names the columns)`);
          return empty();
        }
        continue;
      }
      rows++;
      const row = rows + 1;
      if (rows > MAX_PRODUCT_ROWS) {
        problem(row, null, 'too_many_rows', `At most ${MAX_PRODUCT_ROWS.toLocaleString('en')} products in one file: split it`);
        return empty();
      }
      const cell = (c: Column) => {
        const i = index[c];
        return i === undefined ? undefined : unprotect(cells[i] ?? '').trim();
      };
      const attributes = parseAttributeCell(cell('attributes'));
      if (!attributes) problem(row, 'attributes', 'attribute_invalid', 'Write attributes as name=value separated by |, such as color=red|weight_kg=1.2');
      const draft: ProductDraft = {
        id: cell('id') ?? '',
        name: cell('name'),
        description: cell('description'),
        price: cell('price'),
        currency: cell('currency'),
        imageUrl: cell('image_url'),
        pageUrl: cell('page_url'),
        category: cell('category'),
        tags: list(cell('tags')),
        stock: cell('stock'),
        attributes: attributes ?? {},
        accessories: list(cell('accessories')),
        alternatives: list(cell('alternatives')),
      };
      const r = checkProduct(draft);
      for (const p of r.problems) problem(row, COLUMN_OF[p.field], p.code, p.message);
      const id = draft.id.trim();
      if (id) {
        const first = firstRowOf.get(id);
        if (first !== undefined) problem(row, 'id', 'id_duplicate', `The id ${id.slice(0, 100)} is on row ${first} already`);
        else firstRowOf.set(id, row);
      }
      if (r.product && attributes) checked.push({ row, product: r.product });
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      refusedRows = new Set([err.row]);
      problems.length = 0;
      problem(err.row, null, 'csv_invalid', err.message);
      return empty();
    }
    throw err;
  }
  if (!headers) {
    problem(1, null, 'file_empty', 'The file is empty: the first row names the columns');
    return empty();
  }
  if (rows === 0) problem(2, null, 'no_rows', 'The file has a header row but no products');

  const related = checked.flatMap((c) => [...c.product.accessories, ...c.product.alternatives]).filter((id) => !firstRowOf.has(id));
  const known = await existingIds(db, workspaceId, related);
  for (const c of checked) {
    for (const p of unknownRelations(c.product, (id) => firstRowOf.has(id) || known.has(id))) problem(c.row, COLUMN_OF[p.field], p.code, p.message);
  }
  const existing = await existingIds(
    db,
    workspaceId,
    checked.map((c) => c.product.id),
  );
  const good = checked.filter((c) => !refusedRows.has(c.row));
  const preview: ProductDto[] = good
    .slice(0, PREVIEW_ROWS)
    .map(({ product: { accessories, alternatives, ...p } }) =>
      presentProduct({ ...p, workspace_id: workspaceId, created_at: now, updated_at: now }, [
        ...accessories.map((related_id) => ({ workspace_id: workspaceId, product_id: p.id, related_id, kind: 'accessory' as const })),
        ...alternatives.map((related_id) => ({ workspace_id: workspaceId, product_id: p.id, related_id, kind: 'alternative' as const })),
      ]),
    );
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    columns: headers.map((header, i) => ({ header, field: COLUMNS.find((c) => index[c] === i) ?? null })),
    rows,
    creates: checked.filter((c) => !existing.has(c.product.id)).length,
    updates: checked.filter((c) => existing.has(c.product.id)).length,
    preview,
    problems,
    refused: refusedRows.size,
    products: checked.map((c) => c.product),
  };
}
