/**
 * The requeueConversation command: an assigned conversation goes back to the
 * head of its team's queue (keeping the time it first joined it) with a
 * system line, because its operator went offline or did not answer within
 * the team's time limit. Checks the current state, so a job that runs twice,
 * or late, changes nothing the second time.
 */
import type { MessageDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';

export interface RequeueProps {
  workspaceId: string;
  conversationId: string;
  /** Only while it is still theirs. */
  operatorId: string;
  reason: 'offline' | 'no_answer';
  /** no_answer: the assignment the limit was for (a later one has its own job). */
  assignedAt?: number;
}

export async function requeueConversation(ctx: Context, trx: Db, p: RequeueProps): Promise<{ conversation: ConversationRow; message: MessageDto } | null> {
  const q = trx.selectFrom('conversations').selectAll().where('workspace_id', '=', p.workspaceId).where('id', '=', p.conversationId);
  const row = await (ctx.dbKind === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (!row || row.assignee_id !== p.operatorId || row.status !== 'open' || !row.team_id) return null;
  if (p.reason === 'no_answer') {
    if (row.assigned_at === null || (p.assignedAt !== undefined && Number(row.assigned_at) !== p.assignedAt)) return null;
    const answered = await trx
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', row.id)
      .where('author_kind', '=', 'operator')
      .where('created_at', '>=', Number(row.assigned_at))
      .limit(1)
      .executeTakeFirst();
    if (answered) return null;
  }
  const operator = await trx.selectFrom('operators').select('name').where('id', '=', p.operatorId).executeTakeFirst();
  const name = operator?.name ?? null;
  const why = p.reason === 'offline' ? 'went offline' : 'did not answer in time';
  const stored = await appendMessage(
    trx,
    ctx.dbKind,
    p.workspaceId,
    row.id,
    {
      clientId: null,
      author: { kind: 'system', id: null, name: null },
      kind: 'event',
      body: `Back in the queue: ${name ?? 'the operator'} ${why}`,
      attachments: [],
      event: { type: 'requeued', reason: p.reason, operatorName: name },
      createdAt: ctx.now(),
    },
    { assignee_id: null, assigned_at: null, requeued: 1, queued_at: row.queued_at ?? row.created_at },
  );
  return stored ? { conversation: stored.conversation, message: presentMessage(stored.row) } : null;
}

/** The open conversations of an operator that routing may take back (those of a team). */
export async function openTeamConversations(db: Db, workspaceId: string, operatorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', '=', operatorId)
    .where('status', '=', 'open')
    .where('team_id', 'is not', null)
    .execute();
  return rows.map((r) => r.id);
}
