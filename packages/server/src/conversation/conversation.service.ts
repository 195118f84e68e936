import type { ConversationSummary } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';
import { findContact, findContacts } from '../contact/contact.repository.js';
import { countUnseenMentions, listMentionedConversations } from '../mention/mention.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { conversationScope, ensureVisible, mayViewConversation, viewerOf } from '../policy/visibility.js';
import type { ListConversationsQuery, View } from './conversation.js';
import {
  type ConversationRow,
  COUNT_CAP,
  countViews,
  findConversation,
  findConversations,
  forVisitor,
  listConversations as listRows,
  listRelatedConversations,
  listContactConversations,
  listVisitorConversations,
  presentConversation,
} from './conversation.repository.js';

export async function getConversationRow(ctx: Context, workspaceId: string, id: string): Promise<ConversationRow> {
  const row = await findConversation(ctx.db, workspaceId, id);
  if (!row) throw notFound('Conversation');
  return row;
}

/** A conversation the operator may see (policy/visibility.ts); not found otherwise, as if it did not exist. */
export async function visibleConversationRow(ctx: Context, actor: Operator, id: string): Promise<ConversationRow> {
  const row = await getConversationRow(ctx, actor.workspaceId, id);
  return ensureVisible(await viewerOf(ctx, actor), row);
}

export async function summarize(ctx: Context, row: ConversationRow): Promise<ConversationSummary> {
  const contact = row.contact_id ? await findContact(ctx.db, row.workspace_id, row.contact_id) : null;
  return presentConversation(row, contact);
}

export async function summarizeAll(ctx: Context, workspaceId: string, rows: ConversationRow[]): Promise<ConversationSummary[]> {
  const ids = [...new Set(rows.map((r) => r.contact_id).filter((id): id is string => id !== null))];
  const contacts = new Map((await findContacts(ctx.db, workspaceId, ids)).map((c) => [c.id, c]));
  return rows.map((r) => presentConversation(r, r.contact_id ? contacts.get(r.contact_id) : null));
}

export async function listConversations(ctx: Context, actor: Operator, q: ListConversationsQuery): Promise<Page<ConversationSummary>> {
  authorize(actor, 'conversation.view');
  const before = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (q.view === 'mentions') return listMentioned(ctx, actor, q.limit, before);
  const rows = await listRows(ctx.db, {
    scope: conversationScope(await viewerOf(ctx, actor)),
    workspaceId: actor.workspaceId,
    operatorId: actor.id,
    view: q.view,
    status: q.status,
    label: q.label,
    before: before ? { updatedAt: before.t, id: before.id } : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await summarizeAll(ctx, actor.workspaceId, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.updated_at, id: last.id }) : null,
  };
}

/** The Mentions view: ordered and paged by the newest unseen mention in each conversation. */
async function listMentioned(ctx: Context, actor: Operator, limit: number, before?: { t: number; id: string }): Promise<Page<ConversationSummary>> {
  const mentioned = await listMentionedConversations(ctx.db, {
    workspaceId: actor.workspaceId,
    operatorId: actor.id,
    before: before ? { mentionedAt: before.t, conversationId: before.id } : undefined,
    limit: limit + 1,
  });
  const page = mentioned.slice(0, limit);
  const viewer = await viewerOf(ctx, actor);
  const rows = new Map(
    (
      await findConversations(
        ctx.db,
        actor.workspaceId,
        page.map((m) => m.conversationId),
      )
    )
      .filter((r) => mayViewConversation(viewer, r))
      .map((r) => [r.id, r]),
  );
  const last = page.at(-1);
  return {
    items: await summarizeAll(
      ctx,
      actor.workspaceId,
      page.flatMap((m) => rows.get(m.conversationId) ?? []),
    ),
    nextCursor: mentioned.length > limit && last ? encodeCursor({ t: last.mentionedAt, id: last.conversationId }) : null,
  };
}

export async function getConversation(ctx: Context, actor: Operator, id: string): Promise<ConversationSummary> {
  authorize(actor, 'conversation.view');
  return summarize(ctx, await visibleConversationRow(ctx, actor, id));
}

/** A visitor's conversations, newest first: their own, and those of the contact a valid identity hash verified them as (identity/access.ts). */
export async function visitorConversations(
  ctx: Context,
  visitor: { id: string; workspaceId: string; verifiedContactId?: string | null },
  limit = 20,
): Promise<ConversationSummary[]> {
  return (await visitorConversationPage(ctx, visitor, { limit })).items;
}

/** The same, most recent activity first, a page at a time (keyset on the activity time and id over both lists). */
export async function visitorConversationPage(
  ctx: Context,
  visitor: { id: string; workspaceId: string; verifiedContactId?: string | null },
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<ConversationSummary>> {
  const c = q.cursor ? decodeCursor(q.cursor) : undefined;
  const before = c && { updatedAt: c.t, id: c.id };
  const own = await listVisitorConversations(ctx.db, visitor.id, q.limit + 1, before);
  const contact = visitor.verifiedContactId ? await listContactConversations(ctx.db, visitor.workspaceId, visitor.verifiedContactId, q.limit + 1, before) : [];
  const rows = [...new Map([...own, ...contact].map((r) => [r.id, r])).values()]
    .sort((x, y) => y.updated_at - x.updated_at || (x.id < y.id ? 1 : -1))
    .slice(0, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: (await summarizeAll(ctx, visitor.workspaceId, page)).map(forVisitor),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.updated_at, id: last.id }) : null,
  };
}

export async function viewCounts(ctx: Context, actor: Operator, label?: string): Promise<Record<View, number>> {
  authorize(actor, 'conversation.view');
  const [counts, mentions] = await Promise.all([
    countViews(ctx.db, actor.workspaceId, actor.id, label, conversationScope(await viewerOf(ctx, actor))),
    countUnseenMentions(ctx.db, actor.workspaceId, actor.id),
  ]);
  return { ...counts, mentions: Math.min(mentions, COUNT_CAP + 1) };
}

export async function relatedConversations(ctx: Context, actor: Operator, id: string): Promise<ConversationSummary[]> {
  authorize(actor, 'conversation.view');
  const row = await visibleConversationRow(ctx, actor, id);
  const viewer = await viewerOf(ctx, actor);
  const related = (await listRelatedConversations(ctx.db, row)).filter((r) => mayViewConversation(viewer, r));
  return summarizeAll(ctx, actor.workspaceId, related);
}
