/**
 * Reply suggestions over HTTP (G1): the suggestions for a conversation's
 * latest visitor message, filtered by the caller's own visibility; what the
 * operator did with them (shown, inserted, sent, edited, ignored); and the
 * summary figures for owners, admins and supervisors.
 */
import type { ReplySuggestion } from '@switchboard/protocol';
import { z } from 'zod';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { mayViewConversation, viewerOf } from '../policy/visibility.js';
import { pairStoreOf } from './pair-store.js';
import { countSuggestionEvents, insertSuggestionEvent } from './suggestion-events.repository.js';
import { suggestReplies } from './suggest.js';

const DAY_MS = 86_400_000;

export const suggestionDto = z.object({
  id: z.string(),
  text: z.string(),
  source: z.object({
    kind: z.enum(['article', 'answer', 'model']),
    title: z.string(),
    articleId: z.string().optional(),
    url: z.string().optional().describe('The article’s public address on the help centre'),
    conversationId: z.string().optional().describe('The conversation the earlier answer was given in'),
  }),
});
export const suggestionsDto = z.object({ conversationId: z.string(), seq: z.number().nullable(), suggestions: z.array(suggestionDto) });
export type SuggestionsDto = z.infer<typeof suggestionsDto>;

export const suggestionEventInput = z.object({
  suggestionId: z
    .string()
    .max(100)
    .regex(/^(article|answer|model):[A-Za-z0-9_-]+$/, 'A suggestion id such as article:<id>'),
  action: z.enum(['shown', 'inserted', 'edited', 'ignored', 'sent']),
});
export type SuggestionEventInput = z.infer<typeof suggestionEventInput>;

export const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
const counts = z.object({ shown: z.number(), inserted: z.number(), sent: z.number(), edited: z.number(), ignored: z.number() });
export const statsDto = counts.extend({
  days: z.number(),
  bySource: z.object({ article: counts, answer: counts, model: counts }),
});
export type StatsDto = z.infer<typeof statsDto>;

/** The suggestions for the conversation's latest visitor text message, from what the caller may see. */
export async function suggestionsFor(ctx: Context, actor: Operator, conversationId: string, origin: string): Promise<SuggestionsDto> {
  authorize(actor, 'conversation.view');
  const conversation = await visibleConversationRow(ctx, actor, conversationId);
  const latest = await ctx.db
    .selectFrom('messages')
    .select(['seq', 'body'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('conversation_id', '=', conversation.id)
    .where('author_kind', '=', 'visitor')
    .where('kind', '=', 'text')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return { conversationId: conversation.id, seq: null, suggestions: [] };
  const viewer = await viewerOf(ctx, actor);
  const suggestions: ReplySuggestion[] = await suggestReplies(ctx, pairStoreOf(ctx), {
    workspaceId: actor.workspaceId,
    conversationId: conversation.id,
    seq: latest.seq,
    question: latest.body,
    maySee: (source) => mayViewConversation(viewer, source),
    origin,
  });
  return { conversationId: conversation.id, seq: latest.seq, suggestions };
}

export async function recordSuggestionEvent(ctx: Context, actor: Operator, conversationId: string, input: SuggestionEventInput): Promise<void> {
  authorize(actor, 'conversation.reply');
  const conversation = await visibleConversationRow(ctx, actor, conversationId);
  await insertSuggestionEvent(ctx.db, {
    id: newId(),
    workspace_id: actor.workspaceId,
    conversation_id: conversation.id,
    operator_id: actor.id,
    suggestion_id: input.suggestionId,
    source_kind: input.suggestionId.split(':')[0] as 'article' | 'answer' | 'model',
    action: input.action,
    created_at: ctx.now(),
  });
}

/** How suggestions were used in the last `days` days (owners, admins, supervisors). */
export async function suggestionStats(ctx: Context, actor: Operator, days: number): Promise<StatsDto> {
  authorize(actor, 'article.manage');
  const zero = () => ({ shown: 0, inserted: 0, sent: 0, edited: 0, ignored: 0 });
  const out: StatsDto = { days, ...zero(), bySource: { article: zero(), answer: zero(), model: zero() } };
  for (const r of await countSuggestionEvents(ctx.db, actor.workspaceId, ctx.now() - days * DAY_MS)) {
    out[r.action] += r.n;
    out.bySource[r.source_kind][r.action] += r.n;
  }
  return out;
}
