/**
 * The domain events of stored messages, emitted by the message feature itself
 * once their transaction has committed: `conversation.created` when a
 * visitor's first message started one, then `message.created` for each new
 * message (system lines stored with it first, in sequence order). A repeated
 * client id stored nothing and announces nothing.
 */
import { presentConversation } from '../conversation/conversation.repository.js';
import type { EventBus } from '../events/events.js';
import type { SendResult, StoredMessage } from './message.js';
import { presentMessage } from './message.repository.js';

export function presentStored(stored: StoredMessage): SendResult {
  return {
    message: presentMessage(stored.row),
    conversation: presentConversation(stored.conversation, stored.contact),
    duplicate: stored.duplicate,
  };
}

export function announceStored(events: EventBus, stored: StoredMessage): SendResult {
  const result = presentStored(stored);
  if (stored.duplicate) return result;
  const workspaceId = stored.conversation.workspace_id;
  const visitorId = stored.conversation.visitor_id;
  const { conversation } = result;
  if (stored.createdConversation) events.emit({ type: 'conversation.created', workspaceId, visitorId, conversation });
  for (const row of stored.events) events.emit({ type: 'message.created', workspaceId, visitorId, message: presentMessage(row), conversation });
  events.emit({ type: 'message.created', workspaceId, visitorId, message: result.message, conversation });
  return result;
}
