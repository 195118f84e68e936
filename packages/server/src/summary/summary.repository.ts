/** Storage of conversation summaries (migration 0040). */
import type { ConversationSummaryDto } from '@switchboard/protocol';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ConversationSummaryTable } from './summary.table.js';

type Row = Selectable<ConversationSummaryTable>;

/** At most this many summaries of one conversation are listed (the latest). */
export const LIST_LIMIT = 20;

const parts = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
};

export const presentSummary = (r: Row): ConversationSummaryDto => ({
  id: r.id,
  conversationId: r.conversation_id,
  reason: r.reason,
  problem: parts(r.problem),
  done: parts(r.done),
  pending: parts(r.pending),
  source: r.source,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function insertSummary(db: Db, row: Insertable<ConversationSummaryTable>): Promise<void> {
  await db.insertInto('conversation_summaries').values(row).execute();
}

/** A conversation's summaries, the latest first. */
export async function listSummaries(db: Db, workspaceId: string, conversationId: string, limit = LIST_LIMIT): Promise<ConversationSummaryDto[]> {
  const rows = await db
    .selectFrom('conversation_summaries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(presentSummary);
}

/** The latest summary of each of these conversations (a page of an export): one query. */
export async function latestSummaries(db: Db, workspaceId: string, conversationIds: string[]): Promise<Map<string, ConversationSummaryDto>> {
  const out = new Map<string, ConversationSummaryDto>();
  if (conversationIds.length === 0) return out;
  const rows = await db
    .selectFrom('conversation_summaries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) if (!out.has(r.conversation_id)) out.set(r.conversation_id, presentSummary(r));
  return out;
}
