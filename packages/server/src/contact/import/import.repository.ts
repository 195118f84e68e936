import type { ContactImportDto, ContactImportStatus, ImportProblem } from '@switchboard/protocol';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/tables.js';
import type { ContactImportTable } from '../contact.table.js';
import type { Plan } from './import-plan.js';

export type ImportRow = Selectable<ContactImportTable>;

/** The refused rows kept with an import (and shown): the first ones. */
export const MAX_PROBLEMS = 1000;

export function parseProblems(json: string): ImportProblem[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as ImportProblem[]) : [];
  } catch {
    return [];
  }
}

/** `problems`: false in progress frames (they go out every chunk; the list comes with the end). */
export const presentImport = (r: ImportRow, problems = true): ContactImportDto => ({
  id: r.id,
  fileName: r.file_name,
  status: r.status as ContactImportStatus,
  total: r.total,
  done: r.done,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  refused: r.refused,
  problems: problems ? parseProblems(r.problems) : [],
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export async function insertImport(db: Db, row: Insertable<ContactImportTable>): Promise<void> {
  await db.insertInto('contact_imports').values(row).execute();
}

export async function findImport(db: Db, workspaceId: string, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('contact_imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findImportById(db: Db, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('contact_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another import of the workspace queued or running, if any. */
export async function activeImport(db: Db, workspaceId: string, exceptId: string): Promise<ImportRow | undefined> {
  return db
    .selectFrom('contact_imports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['queued', 'running'])
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

type Patch = Partial<Omit<ImportRow, 'id' | 'workspace_id'>>;

/** Changes the import only while it is in one of `from`: false when it is not (cancelled meanwhile, say). */
export async function updateImport(db: Db, id: string, from: ContactImportStatus[], patch: Patch): Promise<boolean> {
  const r = await db.updateTable('contact_imports').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const BATCH = 250;

async function insertAll<T extends keyof Database>(db: Db, table: T, rows: Insertable<Database[T]>[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}

/** One chunk, staged: new contacts hidden behind the import's id, changes to others set aside for the final step. */
export async function stageChunk(db: Db, workspaceId: string, importId: string, plan: Plan, now: number): Promise<void> {
  await insertAll(db, 'contacts', plan.creates);
  await insertAll(
    db,
    'contact_labels',
    plan.createLabels.map((l) => ({ ...l, workspace_id: workspaceId, created_at: now })),
  );
  await insertAll(db, 'contact_import_updates', plan.updates);
  await insertAll(
    db,
    'contact_import_labels',
    plan.updateLabels.map((l) => ({ ...l, import_id: importId })),
  );
}

/**
 * What the file changes on contacts that exist (new ones show once the import
 * is done): all of them, or only those of `contactIds`; what is applied is
 * no longer set aside.
 */
export async function applyUpdates(db: Db, workspaceId: string, importId: string, now: number, contactIds?: string[]): Promise<void> {
  const only = (col: string) => (contactIds ? sql` and ${sql.ref(col)} in (${sql.join(contactIds)})` : sql``);
  await sql`update contacts set
      name = u.name, phone = u.phone, company = u.company, avatar_url = u.avatar_url,
      attributes = u.attributes, labels = u.labels,
      search_text = u.search_text, sort_name = u.sort_name, company_key = u.company_key, updated_at = u.updated_at
    from contact_import_updates u
    where u.import_id = ${importId} and contacts.id = u.contact_id and contacts.workspace_id = ${workspaceId} and contacts.merged_into is null${only('u.contact_id')}`.execute(
    db,
  );
  await sql`insert into contact_labels (contact_id, label_id, workspace_id, created_at)
    select l.contact_id, l.label_id, ${workspaceId}, ${now} from contact_import_labels l
    join contacts c on c.id = l.contact_id and c.merged_into is null
    where l.import_id = ${importId}${only('l.contact_id')}
    on conflict (contact_id, label_id) do nothing`.execute(db);
  for (const table of ['contact_import_updates', 'contact_import_labels'] as const) {
    let q = db.deleteFrom(table).where('import_id', '=', importId);
    if (contactIds) q = q.where('contact_id', 'in', contactIds);
    await q.execute();
  }
}

/** Changes set aside that are still to apply (a done import with many of them applies them after its final step). */
export async function pendingUpdates(db: Db, importId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('contact_import_updates').select('contact_id').where('import_id', '=', importId).limit(limit).execute();
  return rows.map((r) => r.contact_id);
}

const CLEAN = 2000;

/**
 * One step after an import ended, each its own short transaction: a done
 * import's remaining changes to existing contacts are applied, a few
 * thousand at a time, then its contacts lose the import's mark (they show
 * either way); a cancelled one's contacts are deleted, and what it set
 * aside. False once nothing is left.
 */
export async function cleanStep(db: Db, imp: ImportRow, now: number): Promise<boolean> {
  if (imp.status === 'done') {
    const pending = await pendingUpdates(db, imp.id, CLEAN);
    if (pending.length) {
      await db.transaction().execute((trx) => applyUpdates(trx, imp.workspace_id, imp.id, now, pending));
      return true;
    }
  }
  const ids = (await db.selectFrom('contacts').select('id').where('import_id', '=', imp.id).limit(CLEAN).execute()).map((r) => r.id);
  if (ids.length) {
    if (imp.status === 'done') await db.updateTable('contacts').set({ import_id: null }).where('id', 'in', ids).execute();
    else
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('contact_labels').where('contact_id', 'in', ids).execute();
        await trx.deleteFrom('contacts').where('id', 'in', ids).where('import_id', '=', imp.id).execute();
      });
    return true;
  }
  for (const table of ['contact_import_updates', 'contact_import_labels'] as const) {
    const some = (await db.selectFrom(table).select('contact_id').where('import_id', '=', imp.id).limit(CLEAN).execute()).map((r) => r.contact_id);
    if (some.length) {
      await db.deleteFrom(table).where('import_id', '=', imp.id).where('contact_id', 'in', some).execute();
      return true;
    }
  }
  return false;
}
