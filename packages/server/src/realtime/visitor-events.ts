/**
 * Keeps the presence of visitors online true to what happens in
 * conversations: a visitor is "chatting" while a conversation of theirs is
 * not resolved, and shows their contact's name. Whichever node stores the
 * change tells every node (a presence patch). For visitors not on the site it
 * costs one map lookup; nothing here waits for anything on the message path.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { findActiveConversation } from '../conversation/conversation.repository.js';
import type { VisitorPresence } from './visitor-presence.js';

const active = (c: ConversationSummary) => c.status !== 'resolved' && c.mergedInto === null;

export function subscribeVisitorPresence(ctx: Context, presence: VisitorPresence): void {
  const onConversation = (e: { workspaceId: string; visitorId: string; conversation: ConversationSummary }) => {
    const shown = presence.get(e.visitorId);
    if (!shown) return;
    const name = e.conversation.contact?.name ?? null;
    if (name !== shown.name) presence.patch(e.workspaceId, e.visitorId, { name });
    if (active(e.conversation)) {
      if (!shown.chatting) presence.patch(e.workspaceId, e.visitorId, { chatting: true });
      return;
    }
    if (!shown.chatting) return;
    // This one ended: chatting still if another one is under way.
    findActiveConversation(ctx.db, e.visitorId).then(
      (other) => presence.patch(e.workspaceId, e.visitorId, { chatting: !!other }),
      (err) => ctx.log.warn({ err }, 'could not tell whether a visitor is still chatting'),
    );
  };
  ctx.events.on('conversation.created', onConversation);
  ctx.events.on('conversation.updated', onConversation);
  ctx.events.on('message.created', onConversation);
  ctx.events.on('conversation.merged', (e) => onConversation({ workspaceId: e.workspaceId, visitorId: e.from.visitorId, conversation: e.from }));
}
