import type { ContactDto } from '@switchboard/protocol';
import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ContactTable, Database } from '../db/tables.js';
import type {} from './contact.table.js';

export type ContactRow = Selectable<ContactTable>;

/** The small contact every conversation summary carries. */
export const presentContact = (row: ContactRow): ContactDto => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: row.created_at,
  externalId: row.external_id,
  verifiedAt: row.verified_at,
  claimedId: row.claimed_external_id,
});

/** Lower-cased, accents and compatibility forms folded: what search, sorting and the company filter compare. */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

type Keyed = Pick<ContactRow, 'name' | 'email' | 'phone' | 'company'>;

/** The derived columns of a contact, written with it every time its fields change. */
export function contactKeys(c: Keyed): Pick<ContactRow, 'search_text' | 'sort_name' | 'company_key'> {
  const digits = c.phone ? c.phone.replace(/\D/g, '') : null;
  return {
    search_text: [c.name, c.email, c.phone, digits, c.company]
      .filter((x): x is string => !!x)
      .map(fold)
      .join('\n'),
    sort_name: fold(c.name ?? c.email ?? c.phone ?? c.company ?? ''),
    company_key: c.company ? fold(c.company) : null,
  };
}

/** Contacts an import staged are hidden until that import is done (contact/import/README.md). */
export const notStaged = (eb: ExpressionBuilder<Database, 'contacts'>) =>
  eb.or([eb('contacts.import_id', 'is', null), eb('contacts.import_id', 'in', eb.selectFrom('contact_imports').select('id').where('status', '=', 'done'))]);

/** A contact by id, whatever its state (merged ones too; staged ones are never linked to anything). */
export async function findContact(db: Db, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** A contact the caller may see: not staged by an import still running. */
export async function findVisibleContact(db: Db, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where(notStaged).executeTakeFirst();
}

export async function findContacts(db: Db, workspaceId: string, ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  // By primary key alone, the workspace checked here: with the workspace in the WHERE, SQLite's planner
  // (without statistics) walks one of the workspace's indexes, that is every contact, instead.
  const rows = await db.selectFrom('contacts').selectAll().where('id', 'in', ids).execute();
  return rows.filter((r) => r.workspace_id === workspaceId);
}

/** Contacts that are no one else's (not merged away), by email: what an import matches rows with. */
export async function findByEmails(db: Db, workspaceId: string, emails: string[]): Promise<ContactRow[]> {
  if (emails.length === 0) return [];
  // Along the email index alone (no ORDER BY, no OR): a planner with stale statistics after a large import
  // would walk the whole workspace otherwise. Contacts another import staged are left out here.
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('email', 'in', emails)
    .where('merged_into', 'is', null)
    .execute();
  const marks = [...new Set(rows.flatMap((r) => (r.import_id ? [r.import_id] : [])))];
  const done = new Set(
    marks.length ? (await db.selectFrom('contact_imports').select('id').where('id', 'in', marks).where('status', '=', 'done').execute()).map((r) => r.id) : [],
  );
  return rows.filter((r) => !r.import_id || done.has(r.import_id)).sort((x, y) => x.created_at - y.created_at || (x.id < y.id ? -1 : 1));
}

type NewContact = Omit<Insertable<ContactTable>, 'search_text' | 'sort_name' | 'company_key'>;

export async function insertContact(db: Db, row: NewContact): Promise<void> {
  await db
    .insertInto('contacts')
    .values({ ...row, ...contactKeys({ name: row.name ?? null, email: row.email ?? null, phone: row.phone ?? null, company: row.company ?? null }) })
    .execute();
}

export type ContactPatch = Partial<
  Pick<ContactRow, 'name' | 'email' | 'phone' | 'company' | 'avatar_url' | 'attributes' | 'labels' | 'last_seen_at' | 'updated_at' | 'merged_into'>
>;

/** Writes a change to `current`, with the derived columns it implies. */
export async function updateContact(db: Db, current: ContactRow, patch: ContactPatch): Promise<ContactRow> {
  const next = { ...current, ...patch };
  const row = { ...next, ...contactKeys(next) };
  await db
    .updateTable('contacts')
    .set({ ...patch, ...contactKeys(next) })
    .where('workspace_id', '=', current.workspace_id)
    .where('id', '=', current.id)
    .execute();
  return row;
}

/** The contact was seen (one of its visitors is on the site): at most one write a minute. */
export async function touchContactSeen(db: Db, contactId: string, now: number): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ last_seen_at: now })
    .where('id', '=', contactId)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', now - 60_000)]))
    .execute();
}

export async function countOf(db: Db, contactId: string): Promise<{ conversations: number; notes: number }> {
  const [c, n] = await Promise.all([
    db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contact_id', '=', contactId)
      .where('merged_into', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('contact_notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contact_id', '=', contactId)
      .executeTakeFirstOrThrow(),
  ]);
  return { conversations: Number(c.n), notes: Number(n.n) };
}
