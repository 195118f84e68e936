/**
 * Conversation summaries (G4): the visitor's problem, what was done and what
 * is pending, made on transfer, escalation, resolve, a bot's handover or on
 * request. Shared by the server (routes, the `summary` frame) and the console.
 */

export type SummaryReason = 'transfer' | 'escalation' | 'resolve' | 'handover' | 'request';

export interface ConversationSummaryDto {
  id: string;
  conversationId: string;
  reason: SummaryReason;
  /** Sentences (extractive) or a paragraph (model) each. */
  problem: string[];
  done: string[];
  pending: string[];
  /** 'extractive': picked from the conversation on the workspace's machine; 'model': the workspace's language model wrote it, citing messages. */
  source: 'extractive' | 'model';
  createdAt: number;
  /** The operator whose action made it; null for a bot, a rule or the system. */
  createdBy: string | null;
}

/**
 * Operators only (added without a protocol version change): a summary of a
 * conversation was made. Sent to the conversation's team room and to the
 * consoles that may see the conversation (its team, its assignee, admins),
 * so the operator receiving a transfer sees it at once.
 */
export interface SummaryFrame {
  type: 'summary';
  conversationId: string;
  summary: ConversationSummaryDto;
}
