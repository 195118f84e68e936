/**
 * Mentions of operators in notes, and what the Mentions view is built from:
 * the conversations where an operator has mentions they have not seen (they
 * see them by opening the conversation). Every query is scoped to the
 * workspace and served by the `mentions_unseen` index.
 */
import type { Db } from '../db/database.js';
import type { MentionRow } from '../note/note.table.js';

export async function insertMentions(db: Db, rows: MentionRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('mentions').values(rows).execute();
}

export interface MentionedConversation {
  conversationId: string;
  /** The newest unseen mention of the operator in it. */
  mentionedAt: number;
  /** How many notes mention them there that they have not seen. */
  unseen: number;
}

export interface MentionedQuery {
  workspaceId: string;
  operatorId: string;
  /** Keyset cursor: the last item of the previous page. */
  before?: { mentionedAt: number; conversationId: string } | undefined;
  limit: number;
}

/** The Mentions view: conversations with unseen mentions of the operator, newest mention first. */
export async function listMentionedConversations(db: Db, q: MentionedQuery): Promise<MentionedConversation[]> {
  let query = db
    .selectFrom('mentions')
    .select((eb) => ['conversation_id', eb.fn.max('created_at').as('mentioned_at'), eb.fn.countAll().as('unseen')])
    .where('workspace_id', '=', q.workspaceId)
    .where('operator_id', '=', q.operatorId)
    .where('seen_at', 'is', null)
    .groupBy('conversation_id');
  const before = q.before;
  if (before) {
    query = query.having((eb) =>
      eb.or([
        eb(eb.fn.max('created_at'), '<', before.mentionedAt),
        eb.and([eb(eb.fn.max('created_at'), '=', before.mentionedAt), eb('conversation_id', '<', before.conversationId)]),
      ]),
    );
  }
  const rows = await query.orderBy('mentioned_at', 'desc').orderBy('conversation_id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({ conversationId: r.conversation_id, mentionedAt: Number(r.mentioned_at), unseen: Number(r.unseen) }));
}

/** The Mentions view's count: conversations where the operator has unseen mentions. */
export async function countUnseenMentions(db: Db, workspaceId: string, operatorId: string): Promise<number> {
  const r = await db
    .selectFrom('mentions')
    .select((eb) => eb.fn.count<number>('conversation_id').distinct().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('operator_id', '=', operatorId)
    .where('seen_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Unseen mentions of the operator in one conversation. */
export async function countUnseenIn(db: Db, workspaceId: string, operatorId: string, conversationId: string): Promise<number> {
  const r = await db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('operator_id', '=', operatorId)
    .where('seen_at', 'is', null)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The operator opened the conversation: its mentions of them are seen. Returns how many were not yet. */
export async function markMentionsSeen(db: Db, workspaceId: string, operatorId: string, conversationId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('mentions')
    .set({ seen_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('operator_id', '=', operatorId)
    .where('seen_at', 'is', null)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
