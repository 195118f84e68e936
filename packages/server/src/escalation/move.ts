/**
 * Moves a conversation to an operator or to a team with a system line, in one
 * transaction, then announces it like any command (consoles, the visitor's
 * widget, routing). Shared by transfer, escalation and take over. To a team,
 * it leaves its assignee and goes to the head of the team's queue (the
 * `requeued` flag orders first): routing hands it out at once if someone
 * there has capacity (routing/subscribe.ts drains on the system line).
 */
import type { MessageDto, SystemEvent } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { summarize } from '../conversation/conversation.service.js';
import type { EventResult } from '../conversation/record-event.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';

export type MoveTarget = { teamId: string } | { operatorId: string };

export interface MoveProps {
  workspaceId: string;
  current: ConversationRow;
  to: MoveTarget;
  by: { id: string | null; name: string };
  event: SystemEvent;
  body: string;
  /** Other writes of the same change, in the same transaction (an escalation's history row). */
  also?: (trx: Db) => Promise<void>;
}

export async function moveConversation(ctx: Context, p: MoveProps): Promise<EventResult & { message: MessageDto }> {
  const now = ctx.now();
  const c = p.current;
  const stored = await ctx.db.transaction().execute(async (trx) => {
    await p.also?.(trx);
    if ('teamId' in p.to) {
      await trx.updateTable('conversations').set({ team_id: p.to.teamId }).where('workspace_id', '=', p.workspaceId).where('id', '=', c.id).execute();
    }
    const waiting = 'teamId' in p.to && c.status === 'open';
    return appendMessage(
      trx,
      ctx.dbKind,
      p.workspaceId,
      c.id,
      {
        clientId: null,
        author: { kind: 'system', id: p.by.id, name: p.by.name },
        kind: 'event',
        body: p.body,
        attachments: [],
        event: p.event,
        createdAt: now,
      },
      'teamId' in p.to
        ? { assignee_id: null, assigned_at: null, queued_at: waiting ? (c.queued_at ?? c.created_at) : null, requeued: waiting ? 1 : 0 }
        : { assignee_id: p.to.operatorId, assigned_at: now, queued_at: null, requeued: 0 },
    );
  });
  if (!stored) throw notFound('Conversation');
  const conversation = await summarize(ctx, stored.conversation);
  const message = presentMessage(stored.row);
  ctx.events.emit({
    type: 'message.created',
    workspaceId: p.workspaceId,
    visitorId: stored.conversation.visitor_id,
    message,
    conversation,
    previous: { teamId: c.team_id, assigneeId: c.assignee_id },
  });
  return { conversation, message };
}
