/**
 * The rateConversation command: the visitor rates their ended conversation
 * from 1 to 5, with an optional comment (CSAT). One rating per conversation:
 * rating again replaces it (the widget offers it until the visitor leaves).
 * Operators see it live: a line in the conversation ("Rated 4 out of 5:
 * “Great help”") and the rating in its summary.
 */
import { z } from 'zod';
import type { Context } from '../context.js';
import { conflict } from '../errors.js';
import type { Visitor } from '../visitor/visitor.js';
import type { EventResult } from './record-event.js';
import { recordVisitorChange, visitorConversation } from './visitor-change.js';

export const ratingInput = z.object({
  rating: z
    .number({ error: 'Choose a rating from 1 to 5' })
    .int('Choose a rating from 1 to 5')
    .min(1, 'Choose a rating from 1 to 5')
    .max(5, 'Choose a rating from 1 to 5'),
  comment: z
    .string()
    .max(1000, 'Keep the comment under 1,000 characters')
    .nullable()
    .optional()
    .transform((v) => v?.trim() || null),
});

export type RatingInput = z.infer<typeof ratingInput>;

export const ratingLine = (rating: number, comment: string | null) => `Rated ${rating} out of 5${comment ? `: “${comment}”` : ''}`;

export async function rateConversation(ctx: Context, p: { visitor: Visitor; conversationId: string; input: RatingInput }): Promise<EventResult> {
  const conversation = await visitorConversation(ctx, p.visitor, p.conversationId);
  if (conversation.status !== 'resolved') throw conflict('A conversation can be rated once it has ended');
  const { rating, comment } = p.input;
  const now = ctx.now();
  const r = await recordVisitorChange(ctx, {
    visitor: p.visitor,
    conversation,
    event: { type: 'rating', rating, comment },
    body: ratingLine(rating, comment),
    apply: async (trx) => {
      const u = await trx
        .updateTable('conversations')
        .set({ rating, rating_comment: comment, rated_at: now })
        .where('workspace_id', '=', p.visitor.workspaceId)
        .where('id', '=', conversation.id)
        .where('status', '=', 'resolved')
        // The same rating sent again records nothing new.
        .where((eb) =>
          eb.or([
            eb('rating', 'is', null),
            eb('rating', '!=', rating),
            comment === null ? eb('rating_comment', 'is not', null) : eb.or([eb('rating_comment', 'is', null), eb('rating_comment', '!=', comment)]),
          ]),
        )
        .executeTakeFirst();
      return Number(u.numUpdatedRows) > 0;
    },
  });
  // Reopened meanwhile (the visitor wrote again in another tab): not rated.
  if (!r.changed && r.conversation.status !== 'resolved') throw conflict('A conversation can be rated once it has ended');
  return r;
}
