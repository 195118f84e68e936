/**
 * The contact list's SQL: search, filters and four orders, each read along
 * its own index and paged by keyset (the cursor is the last row's sort value
 * and id). Search and the attribute filter are checked row by row along that
 * order: the limit stops the walk as soon as a page is full.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
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

/** What the search box asks for: every word, or a phone number however it is spaced ("+33 6 12" finds "+33612…"). */
function searchTerms(q: string | undefined): ReturnType<typeof like>[] {
  const text = fold(q ?? '').trim();
  if (!text) return [];
  const digits = text.replace(/\D/g, '');
  if (/^[+\d()\s.\-/]+$/.test(text) && digits.length >= 3) return [like(digits)];
  return text
    .split(/\s+/)
    .slice(0, 6)
    .map((word) => like(word));
}

const COLUMN = { name: 'sort_name', created: 'created_at', updated: 'updated_at', last_seen: 'last_seen_at' } as const;

export async function listContactRows(db: Db, f: ContactListFilter): Promise<ContactRow[]> {
  const label = f.label;
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
      if (f.attribute) all.push(attributeMatches(f.dialect, f.attribute.def, f.attribute.value));
      const after = f.after;
      if (after) {
        const col = COLUMN[f.sort];
        if (f.sort === 'name') {
          const k = after.key as string;
          all.push(eb.or([eb('sort_name', '>', k), eb.and([eb('sort_name', '=', k), eb('id', '>', after.id)])]));
        } else if (after.key === null) {
          // Past the last contact ever seen: the never-seen ones, by id.
          all.push(eb.and([eb('last_seen_at', 'is', null), eb('id', '<', after.id)]));
        } else {
          const k = after.key as number;
          all.push(
            eb.or([eb(col, '<', k), eb.and([eb(col, '=', k), eb('id', '<', after.id)]), ...(f.sort === 'last_seen' ? [eb('last_seen_at', 'is', null)] : [])]),
          );
        }
      }
      return eb.and(all);
    });
  if (f.sort === 'name') q = q.orderBy('sort_name').orderBy('id');
  else if (f.sort === 'last_seen')
    q = q.orderBy(sql.raw(f.dialect === 'postgres' ? 'last_seen_at desc nulls last' : 'last_seen_at desc')).orderBy('id', 'desc');
  else q = q.orderBy(COLUMN[f.sort], 'desc').orderBy('id', 'desc');
  return q.limit(f.limit).execute();
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
