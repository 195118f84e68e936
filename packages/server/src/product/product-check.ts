/**
 * One product checked, field by field, the same way for the API and for a
 * CSV row: every problem with a stable code and a reason in words. What
 * passes is the row as it will be stored (price in minor units, tags and
 * attributes as JSON) and its relations; whether related products exist is
 * the caller's part (the workspace, or the same import).
 */
import { currencyDigits, isCurrency, type ProductProblem, type ProductStock, toMinor } from '@switchboard/protocol';
import type { ProductTable } from './product.table.js';

export const LIMITS = {
  id: 100,
  name: 200,
  description: 5000,
  category: 100,
  tags: 30,
  tag: 50,
  attributes: 30,
  attributeName: 50,
  attributeText: 200,
  related: 50,
  url: 2000,
};
export const STOCK_STATES: readonly ProductStock[] = ['in_stock', 'out_of_stock', 'preorder'];
const ID = /^[^\s/?#\\|]+$/;

/** A product as given, before checking (cells of a CSV row already split). */
export interface ProductDraft {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  price?: number | string | undefined;
  priceMinor?: number | undefined;
  currency?: string | undefined;
  imageUrl?: string | null | undefined;
  pageUrl?: string | null | undefined;
  category?: string | null | undefined;
  tags?: string[] | undefined;
  stock?: string | undefined;
  attributes?: Record<string, string | number> | undefined;
  accessories?: string[] | undefined;
  alternatives?: string[] | undefined;
}

export type CheckedProduct = Omit<ProductTable, 'workspace_id' | 'created_at' | 'updated_at'> & {
  accessories: string[];
  alternatives: string[];
};

/** Field names as the API spells them, keyed by the checker's own (the CSV uses its column names). */
export type Field =
  | 'id'
  | 'name'
  | 'description'
  | 'price'
  | 'currency'
  | 'imageUrl'
  | 'pageUrl'
  | 'category'
  | 'tags'
  | 'stock'
  | 'attributes'
  | 'accessories'
  | 'alternatives';

type Problem = { field: Field; code: string; message: string };

function httpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

const blankToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

/** A decimal amount as typed (12.50, 12,50 is refused: one dot only), to minor units of the currency. */
function priceOf(d: ProductDraft, currency: string | null, problems: Problem[]): number | null {
  const bad = (message: string) => problems.push({ field: 'price', code: 'price_invalid', message });
  if (d.price === undefined || d.price === '') {
    if (d.priceMinor === undefined) {
      problems.push({ field: 'price', code: 'price_required', message: 'Enter the price, such as 19.99' });
      return null;
    }
    if (!Number.isSafeInteger(d.priceMinor) || d.priceMinor < 0) bad('The price in minor units must be a whole number of 0 or more');
    return d.priceMinor;
  }
  const text = String(d.price).trim();
  if (!/^\d+(\.\d+)?$/.test(text)) {
    bad('Enter the price as a number of 0 or more with a dot for decimals, such as 19.99');
    return null;
  }
  if (!currency) return null;
  const minor = toMinor(Number(text), currency);
  if (minor === null) {
    bad('This price is too large');
    return null;
  }
  const decimals = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
  if (decimals > currencyDigits(currency)) {
    bad(`${currency} has ${currencyDigits(currency)} decimals: ${text} cannot be charged`);
    return null;
  }
  return minor;
}

/** Checks every field; `problems` is empty when the product can be stored. */
export function checkProduct(d: ProductDraft): { product: CheckedProduct | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const p = (field: Field, code: string, message: string) => problems.push({ field, code, message });
  const id = d.id.trim();
  if (!id) p('id', 'id_required', 'Enter the product id (the shop’s own)');
  else if (id.length > LIMITS.id) p('id', 'id_too_long', `The product id is at most ${LIMITS.id} characters`);
  else if (!ID.test(id)) p('id', 'id_invalid', 'The product id cannot contain spaces, / ? # \\ or |');
  // The catalogue's own routes under /products/ (categories, imports) cannot be products.
  else if (id === 'categories' || id === 'imports') p('id', 'id_reserved', `${id} is a word the catalogue keeps: choose another product id`);

  const name = (d.name ?? '').trim();
  if (!name) p('name', 'name_required', 'Enter the product’s name');
  else if (name.length > LIMITS.name) p('name', 'name_too_long', `The name is at most ${LIMITS.name} characters`);

  const description = (d.description ?? '').trim();
  if (description.length > LIMITS.description)
    p('description', 'description_too_long', `The description is at most ${LIMITS.description.toLocaleString('en')} characters`);

  const currencyText = (d.currency ?? '').trim().toUpperCase();
  let currency: string | null = null;
  if (!currencyText) p('currency', 'currency_required', 'Enter the currency, such as EUR or USD');
  else if (!isCurrency(currencyText)) p('currency', 'currency_invalid', `${currencyText.slice(0, 10)} is not an ISO 4217 currency such as EUR or USD`);
  else currency = currencyText;
  const price = priceOf(d, currency, problems);

  const imageUrl = blankToNull(d.imageUrl);
  if (imageUrl && (imageUrl.length > LIMITS.url || !httpUrl(imageUrl)))
    p('imageUrl', 'image_url_invalid', 'Enter a full image address starting with https:// (or http://)');
  const pageUrl = blankToNull(d.pageUrl);
  if (pageUrl && (pageUrl.length > LIMITS.url || !httpUrl(pageUrl)))
    p('pageUrl', 'page_url_invalid', 'Enter a full page address starting with https:// (or http://)');

  const category = blankToNull(d.category);
  if (category && category.length > LIMITS.category) p('category', 'category_too_long', `The category is at most ${LIMITS.category} characters`);

  const tags = [...new Set((d.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length > LIMITS.tags) p('tags', 'tags_too_many', `At most ${LIMITS.tags} tags`);
  else if (tags.some((t) => t.length > LIMITS.tag)) p('tags', 'tag_too_long', `A tag is at most ${LIMITS.tag} characters`);

  const stock = (d.stock ?? '').trim() || 'in_stock';
  if (!(STOCK_STATES as readonly string[]).includes(stock)) p('stock', 'stock_invalid', 'Stock is in_stock, out_of_stock or preorder');

  const attributes = d.attributes ?? {};
  const names = Object.keys(attributes);
  if (names.length > LIMITS.attributes) p('attributes', 'attributes_too_many', `At most ${LIMITS.attributes} attributes`);
  for (const [k, v] of Object.entries(attributes)) {
    if (!k.trim() || k.length > LIMITS.attributeName) {
      p('attributes', 'attribute_name_invalid', `An attribute’s name is 1 to ${LIMITS.attributeName} characters`);
      break;
    }
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.length > LIMITS.attributeText) {
      p('attributes', 'attribute_value_invalid', `${k.slice(0, 50)}: a value is a number or a text of at most ${LIMITS.attributeText} characters`);
      break;
    }
  }

  const related = (field: 'accessories' | 'alternatives') => {
    const ids = [...new Set((d[field] ?? []).map((x) => x.trim()).filter(Boolean))];
    if (ids.length > LIMITS.related) p(field, 'related_too_many', `At most ${LIMITS.related} ${field}`);
    if (id && ids.includes(id)) p(field, 'related_self', `A product cannot be its own ${field === 'accessories' ? 'accessory' : 'alternative'}`);
    return ids;
  };
  const accessories = related('accessories');
  const alternatives = related('alternatives');

  if (problems.length) return { product: null, problems };
  return {
    product: {
      id,
      name,
      description,
      price_minor: price!,
      currency: currency!,
      image_url: imageUrl,
      page_url: pageUrl,
      category,
      tags: JSON.stringify(tags),
      stock: stock as ProductStock,
      attributes: JSON.stringify(attributes),
      accessories,
      alternatives,
    },
    problems,
  };
}

/** Related ids that are neither in the workspace nor among `alsoKnown` (the same import), as problems. */
export function unknownRelations(p: CheckedProduct, exists: (id: string) => boolean): Problem[] {
  const out: Problem[] = [];
  for (const field of ['accessories', 'alternatives'] as const) {
    const missing = p[field].filter((id) => !exists(id));
    if (missing.length) {
      out.push({
        field,
        code: 'related_unknown',
        message: `No product with the id ${missing
          .slice(0, 3)
          .map((m) => m.slice(0, 100))
          .join(', ')}${missing.length > 3 ? '…' : ''} in the catalogue or this import`,
      });
    }
  }
  return out;
}

export type { Problem as FieldProblem };
export const toProblem = (x: Problem, row?: number, column?: string): ProductProblem => ({
  ...(row === undefined ? {} : { row }),
  column: column ?? x.field,
  code: x.code,
  message: row === undefined ? x.message : `Row ${row}: ${x.message}`,
});
