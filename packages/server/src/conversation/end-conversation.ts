/**
 * The endConversation command: the visitor ends their chat ("End chat"). The
 * conversation is resolved, with a line saying the visitor ended it, and
 * `ended_at` is kept for reports. Ending one already resolved changes nothing.
 * Writing again reopens it, as for any resolved conversation.
 */
import type { Context } from '../context.js';
import type { Visitor } from '../visitor/visitor.js';
import type { EventResult } from './record-event.js';
import { recordVisitorChange, visitorConversation } from './visitor-change.js';

export async function endConversation(ctx: Context, p: { visitor: Visitor; conversationId: string }): Promise<EventResult> {
  const conversation = await visitorConversation(ctx, p.visitor, p.conversationId);
  const now = ctx.now();
  return recordVisitorChange(ctx, {
    visitor: p.visitor,
    conversation,
    event: { type: 'status', status: 'resolved', byName: null, by: 'visitor' },
    body: 'Ended by the visitor',
    apply: async (trx) => {
      const r = await trx
        .updateTable('conversations')
        .set({ status: 'resolved', resolved_at: now, ended_at: now, snoozed_until: null })
        .where('workspace_id', '=', p.visitor.workspaceId)
        .where('id', '=', conversation.id)
        .where('status', '!=', 'resolved')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  });
}
