import type { Selectable } from 'kysely';
import type { ConversationSummary } from '@switchboard/protocol';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/tables.js';
import type { ConversationTable } from '../db/tables.js';
import type { ContactRow } from '../contact/contact.repository.js';
import { presentContact } from '../contact/contact.repository.js';
import type { View } from './conversation.js';
import { priorityOf } from '../routing/priority.js';
import { presentSla } from '../sla/sla-summary.js';

export type ConversationRow = Selectable<ConversationTable>;

function parseIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function presentConversation(row: ConversationRow, contact: ContactRow | null | undefined): ConversationSummary {
  return {
    id: row.id,
    inboxId: row.inbox_id,
    status: row.status as ConversationSummary['status'],
    assigneeId: row.assignee_id,
    visitorId: row.visitor_id,
    contact: contact ? presentContact(contact) : null,
    lastSeq: row.last_seq,
    lastMessage:
      row.last_message_at === null
        ? null
        : {
            seq: row.last_message_seq ?? row.last_seq,
            author: { kind: (row.last_author_kind ?? 'system') as 'visitor', id: row.last_author_id, name: row.last_author_name },
            preview: row.last_message_preview ?? '',
            createdAt: row.last_message_at,
            files: Number(row.last_message_files),
          },
    visitorReadSeq: row.visitor_read_seq,
    operatorReadSeq: row.operator_read_seq,
    unreadCount: Number(row.unread_count),
    labels: parseIds(row.labels),
    snoozedUntil: row.snoozed_until,
    mergedInto: row.merged_into,
    rating: row.rating === null ? null : Number(row.rating),
    teamId: row.team_id,
    awaitingEmailReply: Number(row.awaiting_email_reply) === 1,
    priority: priorityOf(row.priority),
    queuedAt: row.queued_at === null || row.assignee_id !== null || row.status !== 'open' ? null : Number(row.queued_at),
    ...presentSla(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...moodOf(row),
  };
}

/** The mood fields once the conversation has any (summaries before scoring stay as they were). */
function moodOf(row: ConversationRow): Pick<ConversationSummary, 'mood' | 'moodConfidence' | 'moodTrend'> {
  if (row.mood == null && row.mood_trend == null) return {};
  return {
    mood: (row.mood ?? null) as ConversationSummary['mood'],
    moodConfidence: row.mood_confidence == null ? null : Number(row.mood_confidence),
    moodTrend: (row.mood_trend ?? null) as ConversationSummary['moodTrend'],
  };
}

/** What a visitor may see of their conversation: the team's labels, SLA times and mood stay with the team. */
export const forVisitor = (c: ConversationSummary): ConversationSummary => {
  const { mood: _mood, moodConfidence: _confidence, moodTrend: _trend, ...rest } = c;
  return { ...rest, labels: [], slaDueAt: null, slaTarget: null, slaWarnAt: null, slaBreachedAt: null };
};

export async function insertConversation(db: Db, row: ConversationRow): Promise<void> {
  await db.insertInto('conversations').values(row).execute();
}

/** Several conversations of a workspace by id, in no particular order. */
export async function findConversations(db: Db, workspaceId: string, ids: string[]): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  // By primary key alone, the workspace checked here: with the workspace in the WHERE, SQLite's planner
  // (without statistics) walks one of the workspace's indexes, that is every conversation, instead.
  const rows = await db.selectFrom('conversations').selectAll().where('id', 'in', ids).execute();
  return rows.filter((r) => r.workspace_id === workspaceId);
}

export async function findConversation(db: Db, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The visitor's conversation that a new message continues: the latest one not resolved. */
export async function findActiveConversation(db: Db, visitorId: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', '!=', 'resolved')
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listVisitorConversations(
  db: Db,
  visitorId: string,
  limit: number,
  before?: { updatedAt: number; id: string },
): Promise<ConversationRow[]> {
  let q = db.selectFrom('conversations').selectAll().where('visitor_id', '=', visitorId);
  if (before) {
    const { updatedAt, id } = before;
    q = q.where((eb) => eb.or([eb('updated_at', '<', updatedAt), eb.and([eb('updated_at', '=', updatedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The conversations of a contact, from all their visitors, newest first. */
export async function listContactConversations(
  db: Db,
  workspaceId: string,
  contactId: string,
  limit: number,
  before?: { updatedAt: number; id: string },
): Promise<ConversationRow[]> {
  let q = db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId);
  if (before) {
    const { updatedAt, id } = before;
    q = q.where((eb) => eb.or([eb('updated_at', '<', updatedAt), eb.and([eb('updated_at', '=', updatedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function listVisitorConversationIds(db: Db, visitorId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('conversations').select('id').where('visitor_id', '=', visitorId).orderBy('updated_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** A visibility condition on conversations (policy/visibility.ts); null: everything. */
export type Scope = ((eb: ExpressionBuilder<Database, 'conversations'>) => Expression<SqlBool>) | null;

export interface ListFilter {
  workspaceId: string;
  scope?: Scope;
  view: View;
  operatorId: string;
  status?: string | undefined;
  label?: string | undefined;
  before?: { updatedAt: number; id: string } | undefined;
  limit: number;
}

/** The status a view lists: its own, or the one asked for (Mine, Unassigned and All). */
export function viewStatus(view: View, status: string | undefined): string | undefined {
  if (view === 'snoozed' || view === 'resolved') return view;
  return status;
}

/** One query per inbox view, each served by its own index (see the initial migration). */
export async function listConversations(db: Db, f: ListFilter): Promise<ConversationRow[]> {
  let q = db.selectFrom('conversations').selectAll().where('workspace_id', '=', f.workspaceId);
  if (f.scope) q = q.where(f.scope);
  if (f.view === 'mine') q = q.where('assignee_id', '=', f.operatorId);
  if (f.view === 'unassigned') q = q.where('assignee_id', 'is', null);
  const status = viewStatus(f.view, f.status);
  if (status) q = q.where('status', '=', status);
  const label = f.label;
  if (label) q = q.where('id', 'in', (eb) => eb.selectFrom('conversation_labels').select('conversation_id').where('label_id', '=', label));
  if (f.before) {
    const { updatedAt, id } = f.before;
    // A row value, so that the next page starts where the last ended in the index (an OR would walk it from the top).
    q = q.where((eb) => eb(eb.refTuple('updated_at', 'id'), '<', eb.tuple(updatedAt, id)));
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/**
 * Read state only moves forward. Operators reading up to the last message
 * leaves nothing unread; the row's own last sequence decides, under its lock,
 * so a message arriving meanwhile is never counted as read.
 */
export async function advanceReadSeq(db: Db, workspaceId: string, id: string, reader: 'visitor' | 'operator', seq: number): Promise<boolean> {
  const column = reader === 'visitor' ? 'visitor_read_seq' : 'operator_read_seq';
  const r = await db
    .updateTable('conversations')
    .set((eb) => ({
      [column]: seq,
      ...(reader === 'operator' ? { unread_count: eb.case().when('last_seq', '<=', seq).then(0).else(eb.ref('unread_count')).end() } : {}),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where(column, '<', seq)
    .where('last_seq', '>=', seq)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Counts stop here: a view holding more says "10,000+" (a resolved history can hold millions). */
export const COUNT_CAP = 10_000;

/**
 * How many conversations each view holds (Mine, Unassigned and All count the
 * open ones, as the inbox shows by default), up to COUNT_CAP + 1. Each count
 * reads at most that many entries of one index range; with a label, one pass
 * over that label's conversations counts them all.
 */
export async function countViews(
  db: Db,
  workspaceId: string,
  operatorId: string,
  label?: string,
  scope: Scope = null,
): Promise<Record<Exclude<View, 'mentions'>, number>> {
  if (label) return countLabelled(db, workspaceId, operatorId, label, scope);
  const count = async (view: View, status: string) => {
    let q = db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('status', '=', status);
    if (scope) q = q.where(scope);
    if (view === 'mine') q = q.where('assignee_id', '=', operatorId);
    if (view === 'unassigned') q = q.where('assignee_id', 'is', null);
    const r = await db
      .selectFrom(q.limit(COUNT_CAP + 1).as('v'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const [mine, unassigned, all, snoozed, resolved] = await Promise.all([
    count('mine', 'open'),
    count('unassigned', 'open'),
    count('all', 'open'),
    count('snoozed', 'snoozed'),
    count('resolved', 'resolved'),
  ]);
  return { mine, unassigned, all, snoozed, resolved };
}

/** The same counts for the conversations with a label, from the label rows alone (each carries its conversation's status and assignee). */
async function countLabelled(db: Db, workspaceId: string, operatorId: string, label: string, scope: Scope): Promise<Record<Exclude<View, 'mentions'>, number>> {
  const count = async (view: View, status: string) => {
    let q = db
      .selectFrom('conversation_labels')
      .select('conversation_id')
      .where('workspace_id', '=', workspaceId)
      .where('label_id', '=', label)
      .where('status', '=', status);
    if (view === 'mine') q = q.where('assignee_id', '=', operatorId);
    if (view === 'unassigned') q = q.where('assignee_id', 'is', null);
    // Scoped: the label rows of the conversations the operator may see (their teams', theirs, none).
    if (scope) q = q.where('conversation_id', 'in', db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where(scope));
    const r = await db
      .selectFrom(q.limit(COUNT_CAP + 1).as('v'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const [mine, unassigned, all, snoozed, resolved] = await Promise.all([
    count('mine', 'open'),
    count('unassigned', 'open'),
    count('all', 'open'),
    count('snoozed', 'snoozed'),
    count('resolved', 'resolved'),
  ]);
  return { mine, unassigned, all, snoozed, resolved };
}

/** The visitor's (or contact's) other conversations that could be merged with this one. */
export async function listRelatedConversations(db: Db, row: ConversationRow, limit = 20): Promise<ConversationRow[]> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', row.workspace_id)
    .where('id', '!=', row.id)
    .where('merged_into', 'is', null)
    .where((eb) =>
      row.contact_id ? eb.or([eb('visitor_id', '=', row.visitor_id), eb('contact_id', '=', row.contact_id)]) : eb('visitor_id', '=', row.visitor_id),
    )
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}
