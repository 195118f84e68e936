/**
 * Who may see a task: whoever may see what it is about (its conversation or
 * its contact, policy/visibility.ts), as one row check and as the SQL of lists.
 * A task out of scope answers as not found, like its conversation would.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { visibleContact } from '../contact/contact-access.js';
import { findContact } from '../contact/contact.repository.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { badRequest, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { findOperator } from '../operator/operator.repository.js';
import { contactScope, conversationScope, mayViewContact, mayViewConversation, type Viewer, viewerOf } from '../policy/visibility.js';
import { findTask } from './task.repository.js';
import type { TaskRow } from './task.table.js';

/** Visibility as a condition on `tasks`; null when the viewer sees everything. */
export function taskScope(viewer: Viewer): Expression<SqlBool> | null {
  const conversation = conversationScope(viewer, 'tc');
  const contact = contactScope(viewer);
  if (!conversation || !contact) return null;
  // Both helpers ignore the builder they are given: their SQL names its tables itself.
  const conv = conversation(undefined as never);
  const cont = contact(undefined as never);
  return sql<SqlBool>`((tasks.conversation_id is not null and exists (select 1 from conversations tc where tc.id = tasks.conversation_id and ${conv}))
    or (tasks.conversation_id is null and exists (select 1 from contacts where contacts.id = tasks.contact_id and ${cont})))`;
}

/** What a task is about must be visible to the operator: not found otherwise. */
export async function ensureSubjectVisible(ctx: Context, actor: Operator, subject: { conversationId: string | null; contactId: string | null }): Promise<void> {
  if (subject.conversationId) await visibleConversationRow(ctx, actor, subject.conversationId);
  else if (subject.contactId) await visibleContact(ctx, actor, subject.contactId);
}

/** A task of the operator's workspace they may see. */
export async function visibleTask(ctx: Context, actor: Operator, id: string): Promise<TaskRow> {
  const row = await findTask(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Task');
  try {
    await ensureSubjectVisible(ctx, actor, { conversationId: row.conversation_id, contactId: row.contact_id });
  } catch {
    throw notFound('Task');
  }
  return row;
}

/** Whether an operator (enabled, of the workspace) may see what a task is about; null when there is no such operator. */
export async function operatorSees(
  ctx: Context,
  workspaceId: string,
  operatorId: string,
  subject: { conversationId: string | null; contactId: string | null },
): Promise<{ name: string; sees: boolean } | null> {
  const op = await findOperator(ctx.db, workspaceId, operatorId);
  if (!op || op.disabled_at !== null) return null;
  const viewer = await viewerOf(ctx, { id: op.id, workspaceId, role: op.role as Operator['role'] });
  let sees = true;
  if (subject.conversationId) {
    const conv = await findConversation(ctx.db, workspaceId, subject.conversationId);
    sees = !!conv && mayViewConversation(viewer, conv);
  } else if (subject.contactId) {
    const contact = await findContact(ctx.db, workspaceId, subject.contactId);
    sees = !!contact && (await mayViewContact(ctx, viewer, contact));
  }
  return { name: op.name, sees };
}

/** The assignee: an enabled operator of the workspace who may see what the task is about. */
export async function checkAssignee(
  ctx: Context,
  workspaceId: string,
  assigneeId: string,
  subject: { conversationId: string | null; contactId: string | null },
): Promise<void> {
  const op = await operatorSees(ctx, workspaceId, assigneeId, subject);
  if (!op) throw badRequest('Choose an operator of this workspace to do the task');
  if (!op.sees) throw badRequest(`${op.name} cannot see this ${subject.conversationId ? 'conversation' : 'contact'}: choose someone of its team`);
}
