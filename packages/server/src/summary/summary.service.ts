/** A conversation's summaries as the console asks for them: listed, or made on request, for those who may see it. */
import type { ConversationSummaryDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { makeSummary } from './make-summary.js';
import { listSummaries } from './summary.repository.js';

export async function conversationSummaries(ctx: Context, actor: Operator, conversationId: string): Promise<ConversationSummaryDto[]> {
  authorize(actor, 'conversation.view');
  const c = await visibleConversationRow(ctx, actor, conversationId);
  return listSummaries(ctx.db, actor.workspaceId, c.id);
}

/** "Summarize": made now (extractive in milliseconds; a configured model may take longer) and stored like the others. */
export async function requestSummary(ctx: Context, actor: Operator, conversationId: string): Promise<ConversationSummaryDto> {
  authorize(actor, 'conversation.view');
  const c = await visibleConversationRow(ctx, actor, conversationId);
  return makeSummary(ctx, { workspaceId: actor.workspaceId, conversationId: c.id, reason: 'request', createdBy: actor.id });
}
