/**
 * Reply suggestions as a subscriber: after a visitor's text message is
 * stored (never on the send and ack path), its suggestions go to the
 * conversation's team room as a `suggestions` frame: the on-premise ones at
 * once, again with the language model's draft when it answers (not while
 * a bot has the conversation: nobody is writing a reply). Operators'
 * replies feed the workspace's earlier answers as they are stored.
 * REPLY_SUGGESTIONS=off turns it off.
 */
import { loadPackagedWordVectors } from '@switchboard/assist';
import type { ConversationSummary, ReplySuggestion } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { type RoomAudience, roomAudience } from './audience.js';
import { type PairStore, pairStoreOf } from './pair-store.js';
import { type SuggestInput, suggestReplies, withDraft } from './suggest.js';

export function subscribeReplySuggestions(ctx: Context, rooms: Pick<Rooms, 'publish'>): void {
  if (process.env.REPLY_SUGGESTIONS === 'off') return;
  const pairs = pairStoreOf(ctx);
  warm(ctx);
  const onError = (err: unknown) => ctx.log.error({ err }, 'reply suggestions failed');
  ctx.events.on('message.created', (e) => {
    const m = e.message;
    if (m.kind !== 'text' || !m.body) return;
    if (m.author.kind === 'operator') {
      pairs.operatorReplied(e.workspaceId, { id: m.id, conversationId: m.conversationId, seq: m.seq, body: m.body }).catch(onError);
      return;
    }
    if (m.author.kind !== 'visitor') return;
    suggestToRoom(ctx, rooms, pairs, e.workspaceId, e.conversation, m.seq, m.body).catch(onError);
  });
}

async function suggestToRoom(
  ctx: Context,
  rooms: Pick<Rooms, 'publish'>,
  pairs: PairStore,
  workspaceId: string,
  conversation: ConversationSummary,
  seq: number,
  question: string,
): Promise<void> {
  const audience: RoomAudience = await roomAudience(ctx, workspaceId, conversation);
  const input: SuggestInput = {
    workspaceId,
    conversationId: conversation.id,
    seq,
    question,
    maySee: audience.maySee,
    origin: ctx.config.publicUrl ? new URL(ctx.config.publicUrl).origin : '',
  };
  const publish = (suggestions: ReplySuggestion[]) =>
    rooms.publish(room.team(conversation.id), { type: 'suggestions', conversationId: conversation.id, seq, suggestions });
  const onPremise = await suggestReplies(ctx, pairs, { ...input, model: false });
  await publish(onPremise);
  // Nothing to ground a draft on (withDraft would not ask the model): no more queries for this message.
  if (onPremise.length === 0) return;
  // While a bot (the virtual agent or a webhook bot) has the conversation, nobody is writing a reply: the model is not asked.
  if (await withBot(ctx, conversation.id)) return;
  const drafted = await withDraft(ctx, input, onPremise);
  if (drafted) await publish(drafted);
}

async function withBot(ctx: Context, conversationId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('bot_conversations')
    .select('conversation_id')
    .where('conversation_id', '=', conversationId)
    .where('handed_over_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** With operator replies stored, the word vectors are read now, in the background, rather than by the first visitor message. */
function warm(ctx: Context): void {
  ctx.db
    .selectFrom('messages')
    .select('id')
    .where('author_kind', '=', 'operator')
    .limit(1)
    .executeTakeFirst()
    .then((any) => (any ? loadPackagedWordVectors() : null))
    .catch((err) => ctx.log.warn({ err }, 'word vectors not read ahead'));
}
