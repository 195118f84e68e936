/**
 * STUB (issue 11): the transfer helper owns escalateConversation; its version
 * replaces this file at merge. Same exports and signature; this one only
 * checks the conversation exists and does nothing else.
 */
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';

export interface EscalateProps {
  actor: Operator | { kind: 'rule'; id: string; name: string; workspaceId: string };
  conversationId: string;
  reason: string;
}

/** Marks this file as the stub (tests that need the real escalation check it). */
export const ESCALATION_STUB = true;

export async function escalateConversation(ctx: Context, p: EscalateProps): Promise<void> {
  const row = await findConversation(ctx.db, p.actor.workspaceId, p.conversationId);
  if (!row) throw notFound('Conversation');
}
