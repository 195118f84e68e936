/** The SQL of tasks, every query scoped to the workspace; lists walk the indexes of migration 0028. */
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { TaskRow, TaskTable } from './task.table.js';
import type { TaskView } from './task.js';

export async function insertTask(db: Db, row: TaskRow): Promise<void> {
  await db.insertInto('tasks').values(row).execute();
}

export async function findTask(db: Db, workspaceId: string, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function updateTask(db: Db, workspaceId: string, id: string, patch: Partial<TaskTable>): Promise<TaskRow | undefined> {
  await db.updateTable('tasks').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return findTask(db, workspaceId, id);
}

export async function deleteTask(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('tasks').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export interface TaskListFilter {
  workspaceId: string;
  view: TaskView;
  operatorId: string;
  now: number;
  /** Visibility as a condition on `tasks` (null: the viewer sees everything). */
  scope: Expression<SqlBool> | null;
  conversationId?: string | undefined;
  contactId?: string | undefined;
  /** Keyset: the (due time, or done time for done, id) of the last task of the page before. */
  after?: { t: number; id: string } | undefined;
  limit: number;
}

export async function listTasks(db: Db, f: TaskListFilter): Promise<TaskRow[]> {
  let q = db.selectFrom('tasks').selectAll().where('tasks.workspace_id', '=', f.workspaceId);
  if (f.view === 'mine') q = q.where('tasks.assignee_id', '=', f.operatorId);
  q = q.where('tasks.status', '=', f.view === 'done' ? 'done' : 'open');
  if (f.view === 'overdue') q = q.where('tasks.due_at', '<=', f.now);
  if (f.conversationId) q = q.where('tasks.conversation_id', '=', f.conversationId);
  if (f.contactId) q = q.where('tasks.contact_id', '=', f.contactId);
  if (f.scope) {
    const scope = f.scope;
    q = q.where(() => scope);
  }
  const a = f.after;
  if (f.view === 'done') {
    if (a) q = q.where((eb) => eb.or([eb('tasks.done_at', '<', a.t), eb.and([eb('tasks.done_at', '=', a.t), eb('tasks.id', '<', a.id)])]));
    return q.orderBy('tasks.done_at', 'desc').orderBy('tasks.id', 'desc').limit(f.limit).execute();
  }
  if (a) q = q.where((eb) => eb.or([eb('tasks.due_at', '>', a.t), eb.and([eb('tasks.due_at', '=', a.t), eb('tasks.id', '>', a.id)])]));
  return q.orderBy('tasks.due_at').orderBy('tasks.id').limit(f.limit).execute();
}

/** How many of the operator's open tasks are due (the badge of Tasks). */
export async function countOverdue(db: Db, workspaceId: string, operatorId: string, now: number): Promise<number> {
  const r = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', '=', operatorId)
    .where('status', '=', 'open')
    .where('due_at', '<=', now)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function operatorNames(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('operators').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A conversation merged into another takes its tasks along. */
export async function moveConversationTasks(db: Db, fromId: string, intoId: string): Promise<void> {
  await db.updateTable('tasks').set({ conversation_id: intoId }).where('conversation_id', '=', fromId).execute();
}
