import type { NoteDto } from '@switchboard/protocol';
import { messageHtml } from '@switchboard/text';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { markMentionsSeen } from '../mention/mention.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { ListNotesQuery } from './note.js';
import { listNotesAfter, presentNote } from './note.repository.js';

/** A note as the HTTP API answers it: with its text as safe HTML (the one renderer messages use). */
export const noteWithHtml = (n: NoteDto): NoteDto & { html: string } => ({ ...n, html: messageHtml(n.body) });

/** A page of the conversation's notes after `after`, oldest first. A console that reconnects asks from its last one. */
export async function listNotes(ctx: Context, actor: Operator, conversationId: string, q: ListNotesQuery): Promise<{ items: NoteDto[]; hasMore: boolean }> {
  authorize(actor, 'note.view');
  await visibleConversationRow(ctx, actor, conversationId);
  const rows = await listNotesAfter(ctx.db, actor.workspaceId, conversationId, q.after, q.limit + 1);
  return { items: rows.slice(0, q.limit).map(presentNote), hasMore: rows.length > q.limit };
}

/** The operator opened the conversation: the notes there that mention them are seen (every console of theirs hears it). */
export async function seeMentions(ctx: Context, actor: Operator, conversationId: string): Promise<number> {
  authorize(actor, 'note.view');
  await visibleConversationRow(ctx, actor, conversationId);
  const seen = await markMentionsSeen(ctx.db, actor.workspaceId, actor.id, conversationId, ctx.now());
  if (seen > 0) ctx.events.emit({ type: 'mentions.seen', workspaceId: actor.workspaceId, operatorId: actor.id, conversationId });
  return seen;
}
