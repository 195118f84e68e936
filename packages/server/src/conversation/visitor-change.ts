/**
 * A change the visitor makes to their own conversation (ending it, rating
 * it): the conversation's row changes under a condition and a system line
 * records it, in one transaction, then both are announced like any message.
 */
import type { SystemEvent } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { conflict, notFound } from '../errors.js';
import { appendMessages, presentMessage } from '../message/message.repository.js';
import type { Visitor } from '../visitor/visitor.js';
import { type ConversationRow, findConversation, forVisitor } from './conversation.repository.js';
import { summarize } from './conversation.service.js';
import type { EventResult } from './record-event.js';

/** The visitor's own conversation, or the same 404 as a missing one. */
export async function visitorConversation(ctx: Context, visitor: Visitor, conversationId: string): Promise<ConversationRow> {
  const row = await findConversation(ctx.db, visitor.workspaceId, conversationId);
  if (!row || row.visitor_id !== visitor.id) throw notFound('Conversation');
  if (row.merged_into) throw conflict('This conversation was merged into another one');
  return row;
}

/**
 * `apply` changes the row and says whether it did (its condition held); only
 * then is the line stored. Answers the conversation as the visitor sees it.
 */
export async function recordVisitorChange(
  ctx: Context,
  p: { visitor: Visitor; conversation: ConversationRow; event: SystemEvent; body: string; apply: (trx: Db) => Promise<boolean> },
): Promise<EventResult & { changed: boolean }> {
  const stored = await ctx.db.transaction().execute(async (trx) => {
    if (!(await p.apply(trx))) return null;
    return appendMessages(trx, ctx.dbKind, p.visitor.workspaceId, p.conversation.id, [
      {
        clientId: null,
        author: { kind: 'system', id: null, name: null },
        kind: 'event',
        body: p.body,
        attachments: [],
        event: p.event,
        createdAt: ctx.now(),
      },
    ]);
  });
  if (!stored) {
    const now = await findConversation(ctx.db, p.visitor.workspaceId, p.conversation.id);
    return { conversation: forVisitor(await summarize(ctx, now ?? p.conversation)), message: null, changed: false };
  }
  const conversation = await summarize(ctx, stored.conversation);
  const message = presentMessage(stored.rows[0] as NonNullable<(typeof stored.rows)[0]>);
  ctx.events.emit({ type: 'message.created', workspaceId: p.visitor.workspaceId, visitorId: p.visitor.id, message, conversation });
  return { conversation: forVisitor(conversation), message, changed: true };
}
