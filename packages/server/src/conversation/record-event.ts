/**
 * Changes a conversation and records the change as a system message in the
 * same transaction, then announces both. Shared by the assignment and status
 * commands.
 */
import type { ConversationSummary, MessageDto, SystemEvent } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
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
    patch: Partial<
      Pick<ConversationRow, 'status' | 'assignee_id' | 'resolved_at' | 'snoozed_until' | 'labels' | 'priority' | 'queued_at' | 'requeued' | 'assigned_at'>
    >;
    /** The team and assignee before the change, when it moves them: the consoles that saw it are told. */
    previous?: { teamId: string | null; assigneeId: string | null };
    /** Other writes of the same change, in the same transaction, before the record (e.g. label rows); may add to the patch. */
    also?: (trx: Db) => Promise<Partial<Pick<ConversationRow, 'labels'>> | undefined>;
  },
): Promise<EventResult> {
  const stored = await ctx.db.transaction().execute(async (trx) => {
    const more = await p.also?.(trx);
    return appendMessage(
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
      { ...p.patch, ...more },
    );
  });
  if (!stored) throw notFound('Conversation');
  const conversation = await summarize(ctx, stored.conversation);
  const message = presentMessage(stored.row);
  ctx.events.emit({
    type: 'message.created',
    workspaceId: p.actor.workspaceId,
    visitorId: stored.conversation.visitor_id,
    message,
    conversation,
    ...(p.previous ? { previous: p.previous } : {}),
  });
  return { conversation, message };
}

/** The answer when a command finds nothing to change: the conversation as it is, no record. */
export async function unchanged(ctx: Context, row: ConversationRow): Promise<EventResult> {
  return { conversation: await summarize(ctx, row), message: null };
}
