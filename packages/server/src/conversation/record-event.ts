/**
 * Changes a conversation and records the change as a system message in the
 * same transaction, then announces both. Shared by the assignment and status
 * commands.
 */
import type { ConversationSummary, MessageDto, SystemEvent } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';
import type { Operator } from '../operator/operator.js';
import type { ConversationRow } from './conversation.repository.js';
import { summarize } from './conversation.service.js';

export interface EventResult {
  conversation: ConversationSummary;
  /** The system message recorded, or null when nothing changed. */
  message: MessageDto | null;
}

export async function recordEvent(
  ctx: Context,
  p: {
    actor: Operator;
    conversationId: string;
    event: SystemEvent;
    body: string;
    patch: Partial<Pick<ConversationRow, 'status' | 'assignee_id' | 'resolved_at'>>;
  },
): Promise<EventResult> {
  const stored = await ctx.db.transaction().execute((trx) =>
    appendMessage(
      trx,
      ctx.dbKind,
      p.actor.workspaceId,
      p.conversationId,
      {
        clientId: null,
        author: { kind: 'system', id: p.actor.id, name: p.actor.name },
        kind: 'event',
        body: p.body,
        attachments: [],
        event: p.event,
        createdAt: ctx.now(),
      },
      p.patch,
    ),
  );
  if (!stored) throw notFound('Conversation');
  const conversation = await summarize(ctx, stored.conversation);
  const message = presentMessage(stored.row);
  ctx.events.emit({ type: 'message.created', workspaceId: p.actor.workspaceId, visitorId: stored.conversation.visitor_id, message, conversation });
  return { conversation, message };
}

/** The answer when a command finds nothing to change: the conversation as it is, no record. */
export async function unchanged(ctx: Context, row: ConversationRow): Promise<EventResult> {
  return { conversation: await summarize(ctx, row), message: null };
}
