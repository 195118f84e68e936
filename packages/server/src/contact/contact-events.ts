/**
 * A contact changed: consoles hear of it (`contact`, to the workspace's
 * operators), and the contact's recent conversations publish their summary
 * again, so the inbox shows the new name at once.
 */
import type { Context } from '../context.js';
import { presentConversation } from '../conversation/conversation.repository.js';
import { type ContactRow, presentContact } from './contact.repository.js';

/** Conversations whose summary is sent again: the newest (the ones consoles hold); older ones load fresh. */
const REPUBLISHED = 100;

export type ContactChange = 'updated' | 'notes' | 'merged' | 'deleted';

export async function contactChanged(ctx: Context, row: ContactRow, change: ContactChange): Promise<void> {
  ctx.events.emit({
    type: 'contact.changed',
    workspaceId: row.workspace_id,
    contact: presentContact(row),
    change,
    mergedInto: row.merged_into,
    updatedAt: row.updated_at,
  });
  // A merge republishes through the survivor's own change; notes change nothing a summary shows.
  if (change !== 'updated') return;
  const conversations = await ctx.db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', row.workspace_id)
    .where('contact_id', '=', row.id)
    .where('merged_into', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(REPUBLISHED)
    .execute();
  for (const c of conversations) {
    ctx.events.emit({ type: 'conversation.updated', workspaceId: row.workspace_id, visitorId: c.visitor_id, conversation: presentConversation(c, row) });
  }
}
