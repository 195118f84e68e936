/**
 * Mood scoring as a subscriber: each stored visitor message is queued for
 * scoring after its commit (never on the send and ack path), and each score
 * tells the conversation's operators (a `mood` frame in its team room).
 * MOOD_SCORING=off turns it off.
 */
import { MoodModel } from '@switchboard/assist';
import type SQLite from 'better-sqlite3';
import type { Context } from '../context.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { MoodCache } from './mood-cache.js';
import { MoodQueue } from './mood-queue.js';
import { scoreMoods } from './score-moods.js';
import { SqliteMoodStore } from './mood-sqlite.js';

/** The shipped lexicon model: works on a fresh install with no data (see README, Mood). */
export function createMoodScoring(ctx: Context, sqlite?: SQLite.Database): MoodQueue | null {
  if (!ctx.config.moodScoring) return null;
  const model = MoodModel.lexicon();
  // One process owns a SQLite file: what it stored last is what is stored.
  const cache = ctx.config.database.kind === 'sqlite' && process.env.MOOD_CACHE !== 'off' ? new MoodCache() : undefined;
  const store = sqlite && process.env.MOOD_SYNC !== 'off' ? new SqliteMoodStore(sqlite) : undefined;
  const queue = new MoodQueue({
    run: (items) => scoreMoods(ctx, { model, items, cache, sqlite: store }),
    onError: (err) => ctx.log.error({ err }, 'mood scoring failed'),
  });
  ctx.events.on('conversation.merged', (e) => {
    cache?.forget(e.fromId);
    cache?.forget(e.into.id);
  });
  ctx.events.on('message.created', (e) => {
    const m = e.message;
    if (m.author.kind !== 'visitor' || m.kind !== 'text' || !m.body) return;
    queue.add({ workspaceId: e.workspaceId, conversationId: m.conversationId, messageId: m.id, seq: m.seq, body: m.body });
  });
  return queue;
}

export function subscribeMoodFanout(ctx: Pick<Context, 'events'>, rooms: Pick<Rooms, 'publish'>, onError: (err: unknown) => void): void {
  ctx.events.on('mood.scored', (e) => {
    rooms.publish(room.team(e.conversationId), { type: 'mood', conversationId: e.conversationId, seq: e.seq, mood: e.mood }).catch(onError);
  });
}
