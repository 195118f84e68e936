/**
 * "Virtual agent answering": the conversation is in a bot's hands (no
 * operator, not waiting in a queue, the bot wrote last). Once it hands over,
 * the conversation waits in its team's queue or has an operator, and the mark goes.
 */
import type { ConversationSummary } from '@switchboard/protocol';

export const botHandles = (c: ConversationSummary): boolean =>
  c.status === 'open' && c.assigneeId === null && c.queuedAt === null && c.lastMessage?.author.kind === 'bot';

export function VirtualAgentMark({ c, pill }: { c: ConversationSummary; pill?: boolean }) {
  if (!botHandles(c)) return null;
  const name = c.lastMessage?.author.name ?? 'Virtual agent';
  return (
    <span class={pill ? 'pill bot-pill' : 'conv-bot'} title={`${name} (bot) is answering; it hands over to a person when needed`}>
      {`${name} (bot) answering`}
    </span>
  );
}
