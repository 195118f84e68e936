/**
 * The mergeConversations command: two conversations of the same visitor (or
 * contact) become one. Every message of both ends up in the surviving
 * conversation, renumbered in time order; read positions, the unread count,
 * labels and files follow; the other one is closed with a pointer to the
 * survivor. Clients following either are told (`merged`) and follow the
 * survivor afresh, so nothing is missed or seen twice.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { sql } from 'kysely';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { bumpOf, messageRows, previewOf } from '../message/message.js';
import { bumpAll, insertMessages, lockConversations } from '../message/message.sql.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { ConversationRow } from './conversation.repository.js';
import { summarize, visibleConversationRow } from './conversation.service.js';
import { mergeHooks } from './merge-hooks.js';

export interface MergeConversationsProps {
  actor: Operator;
  /** The conversation that stays. */
  intoId: string;
  /** The conversation whose messages move into it; it is closed. */
  fromId: string;
}

export interface MergeResult {
  conversation: ConversationSummary;
  from: ConversationSummary;
}

interface Moved {
  id: string;
  conversation_id: string;
  seq: number;
  created_at: number;
  client_id: string | null;
  author_kind: string;
  kind: string;
}

export async function mergeConversations(ctx: Context, p: MergeConversationsProps): Promise<MergeResult> {
  authorize(p.actor, 'conversation.merge');
  if (p.intoId === p.fromId) throw badRequest('Choose another conversation to merge with this one');
  // Both must be visible to the operator: one out of their scope answers as not found.
  await visibleConversationRow(ctx, p.actor, p.intoId);
  await visibleConversationRow(ctx, p.actor, p.fromId);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockConversations(trx, ctx.dbKind, [p.intoId, p.fromId].sort());
    const into = locked.find((c) => c.id === p.intoId && c.workspace_id === p.actor.workspaceId);
    const from = locked.find((c) => c.id === p.fromId && c.workspace_id === p.actor.workspaceId);
    if (!into || !from) throw notFound('Conversation');
    if (into.merged_into || from.merged_into) throw conflict('One of these conversations was already merged into another');
    const sameContact = into.contact_id !== null && into.contact_id === from.contact_id;
    if (into.visitor_id !== from.visitor_id && !sameContact) throw badRequest('Only conversations of the same visitor or contact can be merged');
    return { into, from, ...(await moveMessages(ctx, trx, into, from)) };
  });
  const conversation = await summarize(ctx, done.final);
  const fromSummary = await summarize(ctx, done.closed);
  ctx.events.emit({ type: 'conversation.merged', workspaceId: p.actor.workspaceId, fromId: p.fromId, into: conversation, from: fromSummary });
  return { conversation, from: fromSummary };
}

/** Renumbers both conversations' messages into `into`, in time order, and closes `from`. */
async function moveMessages(ctx: Context, trx: Db, into: ConversationRow, from: ConversationRow): Promise<{ final: ConversationRow; closed: ConversationRow }> {
  const dialect = ctx.dbKind;
  const all = (await trx
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'seq', 'created_at', 'client_id', 'author_kind', 'kind'])
    .where('conversation_id', 'in', [into.id, from.id])
    .execute()) as Moved[];
  // Time order; on equal times the survivor's message first, then by its own order.
  all.sort((a, b) => a.created_at - b.created_at || (a.conversation_id === into.id ? 0 : 1) - (b.conversation_id === into.id ? 0 : 1) || a.seq - b.seq);
  const newSeq = new Map(all.map((m, i) => [m.id, i + 1]));
  // Client ids are unique per conversation: a moved one that repeats one of the survivor's is dropped.
  const taken = new Set(all.filter((m) => m.conversation_id === into.id && m.client_id).map((m) => m.client_id));
  const clashes = all.filter((m) => m.conversation_id === from.id && m.client_id && taken.has(m.client_id)).map((m) => m.id);
  if (clashes.length > 0) await trx.updateTable('messages').set({ client_id: null }).where('id', 'in', clashes).execute();
  // Out of the way of the unique (conversation, seq) index first: negative numbers, distinct for both.
  await trx.updateTable('messages').set({ seq: sql`-seq` }).where('conversation_id', '=', into.id).execute();
  await trx
    .updateTable('messages')
    .set({ seq: sql`-(seq + ${into.last_seq})`, conversation_id: into.id })
    .where('conversation_id', '=', from.id)
    .execute();
  await setSeqs(trx, [...newSeq]);
  await trx.updateTable('attachments').set({ conversation_id: into.id }).where('conversation_id', '=', from.id).execute();
  const labels = await mergeLabels(trx, into, from);
  await mergeHooks.run(trx, { intoId: into.id, fromId: from.id, newSeq: (conversationId, seq) => mapSeq(all, newSeq, conversationId, seq) });

  // The survivor's numbers, read positions and list entry, recomputed from what it now holds.
  const n = all.length;
  const read = (reader: 'visitor_read_seq' | 'operator_read_seq') =>
    Math.max(mapSeq(all, newSeq, into.id, into[reader]), mapSeq(all, newSeq, from.id, from[reader]));
  const lastOperator = Math.max(0, ...all.filter((m) => m.author_kind === 'operator').map((m) => newSeq.get(m.id) as number));
  const operatorRead = read('operator_read_seq');
  const unread = all.filter(
    (m) => m.author_kind === 'visitor' && m.kind !== 'event' && (newSeq.get(m.id) as number) > Math.max(operatorRead, lastOperator),
  ).length;
  const active = into.status !== 'resolved' || from.status !== 'resolved';
  await trx
    .updateTable('conversations')
    .set({
      last_seq: n,
      visitor_read_seq: read('visitor_read_seq'),
      operator_read_seq: operatorRead,
      unread_count: unread,
      labels: JSON.stringify(labels),
      assignee_id: into.assignee_id ?? from.assignee_id,
      contact_id: into.contact_id ?? from.contact_id,
      ...(active && into.status === 'resolved' ? { status: 'open', resolved_at: null } : {}),
      created_at: Math.min(into.created_at, from.created_at),
    })
    .where('id', '=', into.id)
    .execute();
  await refreshListEntry(trx, into.id);
  const line = {
    clientId: null,
    author: { kind: 'system' as const, id: null, name: null },
    kind: 'event' as const,
    body: `Merged with the conversation of ${new Date(from.created_at).toISOString().slice(0, 10)}`,
    attachments: [],
    event: { type: 'merged' as const, fromId: from.id, intoId: into.id, byName: null },
    createdAt: ctx.now(),
  };
  const bump = bumpOf(into.workspace_id, into.id, [line], false);
  const [final] = await bumpAll(trx, dialect, bump ? [bump] : []);
  if (!final) throw notFound('Conversation');
  await insertMessages(trx, dialect, messageRows(into.workspace_id, into.id, final.last_seq, [line]));
  await trx
    .updateTable('conversations')
    .set({ status: 'resolved', resolved_at: ctx.now(), merged_into: into.id, snoozed_until: null, unread_count: 0, updated_at: ctx.now() })
    .where('id', '=', from.id)
    .execute();
  const closed = await trx.selectFrom('conversations').selectAll().where('id', '=', from.id).executeTakeFirstOrThrow();
  return { final, closed };
}

/** The new number of the last message at or before `seq` in its old conversation (0 when none). */
function mapSeq(all: Moved[], newSeq: Map<string, number>, conversationId: string, seq: number): number {
  let best = 0;
  for (const m of all) if (m.conversation_id === conversationId && m.seq <= seq) best = Math.max(best, newSeq.get(m.id) as number);
  return best;
}

async function setSeqs(trx: Db, pairs: [string, number][]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 400) {
    const chunk = pairs.slice(i, i + 400);
    const values = sql.join(chunk.map(([id, seq]) => sql`(cast(${id} as text), cast(${seq} as bigint))`));
    await sql`with v (id, seq) as (values ${values}) update messages set seq = v.seq from v where messages.id = v.id`.execute(trx);
  }
}

async function mergeLabels(trx: Db, into: ConversationRow, from: ConversationRow): Promise<string[]> {
  const ids = [...new Set([...(JSON.parse(into.labels) as string[]), ...(JSON.parse(from.labels) as string[])])];
  const moved = await trx.selectFrom('conversation_labels').selectAll().where('conversation_id', '=', from.id).execute();
  if (moved.length > 0) {
    await trx
      .insertInto('conversation_labels')
      .values(moved.map((r) => ({ ...r, conversation_id: into.id })))
      .onConflict((oc) => oc.columns(['conversation_id', 'label_id']).doNothing())
      .execute();
    await trx.deleteFrom('conversation_labels').where('conversation_id', '=', from.id).execute();
  }
  return ids;
}

/** The list entry: the last message of the visitor or an operator, as the write path keeps it. */
async function refreshListEntry(trx: Db, id: string): Promise<void> {
  const last = await trx
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', id)
    .where('kind', '!=', 'event')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return;
  const attachments = JSON.parse(last.attachments) as { name: string }[];
  await trx
    .updateTable('conversations')
    .set({
      last_message_seq: last.seq,
      last_message_at: last.created_at,
      last_message_preview: previewOf({ body: last.body, attachments: attachments as never }),
      last_message_files: attachments.length,
      last_author_kind: last.author_kind,
      last_author_id: last.author_id,
      last_author_name: last.author_name,
    })
    .where('id', '=', id)
    .execute();
}
