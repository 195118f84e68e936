/**
 * The contact list's SQL: search, filters and four orders, each read along
 * its own index and paged by keyset (the cursor is the last row's sort value
 * and id). Search and the attribute filter are checked row by row along that
 * order: the limit stops the walk as soon as a page is full.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/tables.js';
import type { ContactAttributeValue } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import { badRequest } from '../errors.js';
import type { ContactSort } from './contact.js';
import type { AttributeDef } from './contact-attribute.js';
import { type ContactRow, fold, notStaged } from './contact.repository.js';

type Key = string | number | null;

export interface ContactListFilter {
  workspaceId: string;
  dialect: 'sqlite' | 'postgres';
  q?: string | undefined;
  label?: string | undefined;
  company?: string | undefined;
  attribute?: { def: AttributeDef; value: ContactAttributeValue } | undefined;
  sort: ContactSort;
  /** The contacts the operator may see (policy/visibility.ts); absent or null: all. */
  scope?: ((eb: ExpressionBuilder<Database, 'contacts'>) => Expression<SqlBool>) | null | undefined;
  after?: { key: Key; id: string } | undefined;
  limit: number;
}

export function encodeContactCursor(key: Key, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeContactCursor(cursor: string, sort: ContactSort): { key: Key; id: string } {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw badRequest('Invalid cursor');
  }
  const [key, id] = Array.isArray(v) && v.length === 2 ? (v as [unknown, unknown]) : [undefined, undefined];
  const keyOk = sort === 'name' ? typeof key === 'string' : sort === 'last_seen' ? key === null || typeof key === 'number' : typeof key === 'number';
  if (!keyOk || typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw badRequest('Invalid cursor');
  return { key: key as Key, id };
}

/** The sort value of a row, for the next page's cursor. */
export function sortKeyOf(row: ContactRow, sort: ContactSort): Key {
  if (sort === 'name') return row.sort_name;
  if (sort === 'created') return row.created_at;
  if (sort === 'last_seen') return row.last_seen_at;
  return row.updated_at;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (text: string) => sql<boolean>`search_text like ${`%${likeEscape(text)}%`} escape '\\'`;

/**
 * What the search box asks for: every word, or a phone number however it is
 * spaced ("+33 6 12" finds "+33612…"). A word matches folded (accents off, as
 * the contact module writes the keys) or merely lower-cased (as SQL writes
 * them for contacts changed by other code, see migration 0010).
 */
function searchTerms(q: string | undefined): Expression<SqlBool>[] {
  const raw = (q ?? '').trim();
  if (!raw) return [];
  const text = fold(raw);
  const digits = text.replace(/\D/g, '');
  if (/^[+\d()\s.\-/]+$/.test(text) && digits.length >= 3) return [like(digits)];
  const lower = raw.toLowerCase().split(/\s+/);
  return text
    .split(/\s+/)
    .slice(0, 6)
    .map((word, i) => {
      const plain = lower[i];
      return plain && plain !== word ? sql<boolean>`(${like(word)} or ${like(plain)})` : like(word);
    });
}

const COLUMN = { name: 'sort_name', created: 'created_at', updated: 'updated_at', last_seen: 'last_seen_at' } as const;

export async function listContactRows(db: Db, f: ContactListFilter): Promise<ContactRow[]> {
  const label = f.label;
  // Pages start where the last one ended in the sort's index: a row value, never an OR (which walks the index from the top).
  const page = (after: (eb: ExpressionBuilder<Database, 'contacts'>) => Expression<SqlBool> | null, limit: number) => {
    let q = db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .where('merged_into', 'is', null)
      .where(notStaged)
      .where((eb) => {
        const all: Expression<SqlBool>[] = searchTerms(f.q);
        if (label) all.push(eb('id', 'in', eb.selectFrom('contact_labels').select('contact_id').where('label_id', '=', label)));
        if (f.company) all.push(eb('company_key', '=', fold(f.company.trim())));
        if (f.scope) all.push(f.scope(eb));
        if (f.attribute) all.push(attributeMatches(f.dialect, f.attribute.def, f.attribute.value));
        const cursor = after(eb);
        if (cursor) all.push(cursor);
        return eb.and(all);
      });
    if (f.sort === 'name') q = q.orderBy('sort_name').orderBy('id');
    else if (f.sort === 'last_seen')
      q = q.orderBy(sql.raw(f.dialect === 'postgres' ? 'last_seen_at desc nulls last' : 'last_seen_at desc')).orderBy('id', 'desc');
    else q = q.orderBy(COLUMN[f.sort], 'desc').orderBy('id', 'desc');
    return q.limit(limit).execute();
  };
  const a = f.after;
  if (!a) return page(() => null, f.limit);
  if (f.sort === 'name') return page((eb) => eb(eb.refTuple('sort_name', 'id'), '>', eb.tuple(a.key as string, a.id)), f.limit);
  if (f.sort !== 'last_seen') return page((eb) => eb(eb.refTuple(COLUMN[f.sort], 'id'), '<', eb.tuple(a.key as number, a.id)), f.limit);
  // Last seen: the contacts seen before the cursor's, then (newest id first) the never-seen ones.
  if (a.key === null) return page((eb) => eb.and([eb('last_seen_at', 'is', null), eb('id', '<', a.id)]), f.limit);
  const seen = await page((eb) => eb(eb.refTuple('last_seen_at', 'id'), '<', eb.tuple(a.key as number, a.id)), f.limit);
  if (seen.length === f.limit) return seen;
  return [...seen, ...(await page((eb) => eb('last_seen_at', 'is', null), f.limit - seen.length))];
}

/** The attribute's stored value equals this one (text and links whatever their case); a stored value of another type never does. */
function attributeMatches(dialect: 'sqlite' | 'postgres', def: AttributeDef, value: ContactAttributeValue) {
  const loose = def.type === 'text' || def.type === 'link';
  if (dialect === 'sqlite') {
    const path = `$."${def.key}"`;
    const stored = sql`json_extract(attributes, ${path})`;
    const kind = sql`json_type(attributes, ${path})`;
    if (typeof value === 'boolean') return sql<boolean>`(${kind} = ${value ? 'true' : 'false'})`;
    if (typeof value === 'number') return sql<boolean>`(${kind} in ('integer', 'real') and ${stored} = ${value})`;
    return loose ? sql<boolean>`(${kind} = 'text' and lower(${stored}) = lower(${value}))` : sql<boolean>`(${kind} = 'text' and ${stored} = ${value})`;
  }
  const stored = sql`(attributes::jsonb ->> ${def.key})`;
  const kind = sql`jsonb_typeof(attributes::jsonb -> ${def.key})`;
  if (typeof value === 'boolean') return sql<boolean>`(${kind} = 'boolean' and ${stored} = ${String(value)})`;
  // CASE keeps the cast away from values of another type.
  if (typeof value === 'number') return sql<boolean>`(case when ${kind} = 'number' then (${stored})::numeric = ${value} else false end)`;
  return loose ? sql<boolean>`(${kind} = 'string' and lower(${stored}) = lower(${value}))` : sql<boolean>`(${kind} = 'string' and ${stored} = ${value})`;
}
