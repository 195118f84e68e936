/**
 * The task commands. A task and its due job are written in one transaction,
 * so the job exists exactly while the task is open: created with it, moved
 * (replaced) by a snooze or a new due time, cancelled when it is done or
 * deleted, scheduled again when it is reopened.
 */
import type { TaskDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';
import type { Db } from '../db/database.js';
import { badRequest, conflict, forbidden } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize, can } from '../policy/policy.js';
import { viewerOf } from '../policy/visibility.js';
import { checkAssignee, ensureSubjectVisible, operatorSees, taskScope, visibleTask } from './task-access.js';
import { countOverdue, deleteTask as deleteRow, insertTask, listTasks as listRows, operatorNames, updateTask } from './task.repository.js';
import type { TaskRow, TaskTable } from './task.table.js';
import { type CreateTaskInput, dueKey, type ListTasksQuery, MAX_AHEAD_MS, presentTask, TASK_DUE, type TaskDuePayload, type UpdateTaskInput } from './task.js';

export async function present(ctx: Context, rows: TaskRow[]): Promise<TaskDto[]> {
  if (rows.length === 0) return [];
  const names = await operatorNames(
    ctx.db,
    rows[0]!.workspace_id,
    rows.flatMap((r) => [r.assignee_id, r.created_by]),
  );
  return rows.map((r) => presentTask(r, names));
}

const presentOne = async (ctx: Context, row: TaskRow) => (await present(ctx, [row]))[0]!;

/** Tells the operators a task concerns (its assignee, its assignee before, its creator); answers the task. */
async function announce(ctx: Context, row: TaskRow, before?: TaskRow, deleted = false): Promise<TaskDto> {
  const task = await presentOne(ctx, row);
  const subject = { conversationId: row.conversation_id, contactId: row.contact_id };
  const concerned = [...new Set([row.assignee_id, row.created_by, ...(before ? [before.assignee_id] : [])])];
  // Only those who may still see what it is about hear of it.
  const operatorIds: string[] = [];
  for (const id of concerned) if ((await operatorSees(ctx, row.workspace_id, id, subject))?.sees) operatorIds.push(id);
  ctx.events.emit({ type: 'task.changed', workspaceId: row.workspace_id, task, operatorIds, deleted });
  return task;
}

function checkDue(ctx: Context, dueAt: number): void {
  if (dueAt > ctx.now() + MAX_AHEAD_MS) throw badRequest('Choose a due time within five years');
}

/** The task's due job at its due time (replacing the one it had). */
async function scheduleDue(ctx: Context, db: Db, row: TaskRow): Promise<void> {
  const payload: TaskDuePayload = { taskId: row.id };
  await ctx.jobs.schedule({ kind: TASK_DUE, key: dueKey(row.id), runAt: Number(row.due_at), payload, replace: true, workspaceId: row.workspace_id }, db);
}

export async function createTask(ctx: Context, actor: Operator, input: CreateTaskInput): Promise<TaskDto> {
  authorize(actor, 'task.create');
  checkDue(ctx, input.dueAt);
  const subject = { conversationId: input.conversationId ?? null, contactId: input.contactId ?? null };
  await ensureSubjectVisible(ctx, actor, subject);
  const assigneeId = input.assigneeId ?? actor.id;
  await checkAssignee(ctx, actor.workspaceId, assigneeId, subject);
  const now = ctx.now();
  const row: TaskRow = {
    id: newId(),
    workspace_id: actor.workspaceId,
    conversation_id: subject.conversationId,
    contact_id: subject.contactId,
    title: input.title,
    note: input.note || null,
    assignee_id: assigneeId,
    created_by: actor.id,
    status: 'open',
    due_at: input.dueAt,
    notified_due_at: null,
    done_at: null,
    done_by: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertTask(trx, row);
    await scheduleDue(ctx, trx, row);
  });
  return announce(ctx, row);
}

export async function getTask(ctx: Context, actor: Operator, id: string): Promise<TaskDto> {
  authorize(actor, 'task.view');
  return presentOne(ctx, await visibleTask(ctx, actor, id));
}

export async function listTasks(ctx: Context, actor: Operator, q: ListTasksQuery): Promise<Page<TaskDto> & { overdue: number }> {
  authorize(actor, 'task.view');
  if (q.conversationId) await ensureSubjectVisible(ctx, actor, { conversationId: q.conversationId, contactId: null });
  if (q.contactId) await ensureSubjectVisible(ctx, actor, { conversationId: null, contactId: q.contactId });
  const rows = await listRows(ctx.db, {
    workspaceId: actor.workspaceId,
    view: q.view,
    operatorId: actor.id,
    now: ctx.now(),
    scope: taskScope(await viewerOf(ctx, actor)),
    conversationId: q.conversationId,
    contactId: q.contactId,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ t: Number(q.view === 'done' ? (last.done_at ?? 0) : last.due_at), id: last.id }) : null;
  return { items: await present(ctx, page), nextCursor, overdue: await countOverdue(ctx.db, actor.workspaceId, actor.id, ctx.now()) };
}

export async function updateTaskFields(ctx: Context, actor: Operator, id: string, input: UpdateTaskInput): Promise<TaskDto> {
  authorize(actor, 'task.update');
  const row = await visibleTask(ctx, actor, id);
  const patch: Partial<TaskTable> = { updated_at: ctx.now() };
  if (input.title !== undefined) patch.title = input.title;
  if (input.note !== undefined) patch.note = input.note || null;
  if (input.assigneeId !== undefined && input.assigneeId !== row.assignee_id) {
    await checkAssignee(ctx, actor.workspaceId, input.assigneeId, { conversationId: row.conversation_id, contactId: row.contact_id });
    patch.assignee_id = input.assigneeId;
  }
  if (input.dueAt !== undefined) {
    checkDue(ctx, input.dueAt);
    patch.due_at = input.dueAt;
  }
  return announce(ctx, await write(ctx, row, patch), row);
}

/** Moves the due time on: the job due then replaces the one due before. */
export async function snoozeTask(ctx: Context, actor: Operator, id: string, until: number): Promise<TaskDto> {
  authorize(actor, 'task.update');
  const row = await visibleTask(ctx, actor, id);
  if (row.status === 'done') throw conflict('This task is done: reopen it first');
  if (until <= ctx.now()) throw badRequest('Choose a time in the future');
  checkDue(ctx, until);
  return announce(ctx, await write(ctx, row, { due_at: until, updated_at: ctx.now() }), row);
}

export async function completeTask(ctx: Context, actor: Operator, id: string): Promise<TaskDto> {
  authorize(actor, 'task.update');
  const row = await visibleTask(ctx, actor, id);
  if (row.status === 'done') return presentOne(ctx, row);
  const now = ctx.now();
  return announce(ctx, await write(ctx, row, { status: 'done', done_at: now, done_by: actor.id, updated_at: now }), row);
}

export async function reopenTask(ctx: Context, actor: Operator, id: string): Promise<TaskDto> {
  authorize(actor, 'task.update');
  const row = await visibleTask(ctx, actor, id);
  if (row.status === 'open') return presentOne(ctx, row);
  return announce(ctx, await write(ctx, row, { status: 'open', done_at: null, done_by: null, updated_at: ctx.now() }), row);
}

/** Its creator, its assignee, or a supervisor (within what they see) deletes a task. */
export async function deleteTask(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'task.update');
  const row = await visibleTask(ctx, actor, id);
  if (row.created_by !== actor.id && row.assignee_id !== actor.id && !can(actor.role, 'task.delete_others')) {
    throw forbidden('Only its creator, its assignee or a supervisor can delete this task');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await deleteRow(trx, actor.workspaceId, id);
    await ctx.jobs.cancel(dueKey(id), trx);
  });
  await announce(ctx, row, undefined, true);
}

/** A contact deleted takes its tasks along, and their reminders (inside the deleting transaction). */
export async function dropContactTasks(ctx: Context, trx: Db, workspaceId: string, contactId: string): Promise<void> {
  const rows = await trx.selectFrom('tasks').select('id').where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute();
  for (const r of rows) await ctx.jobs.cancel(dueKey(r.id), trx);
  await trx.deleteFrom('tasks').where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute();
}

/** Writes a change, and keeps the due job in step: pending while open at the due time, cancelled once done. */
async function write(ctx: Context, row: TaskRow, patch: Partial<TaskTable>): Promise<TaskRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const next = (await updateTask(trx, row.workspace_id, row.id, patch))!;
    if (next.status === 'done') await ctx.jobs.cancel(dueKey(row.id), trx);
    else if (row.status === 'done' || Number(next.due_at) !== Number(row.due_at)) await scheduleDue(ctx, trx, next);
    return next;
  });
}
