/** SQL of the mood feature: each function takes a db or transaction first. */
import type { Mood, MessageMood, MoodTrend } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { ScoredMessage } from './mood.js';
import './mood.table.js';

/** Stores scores; a message scored twice (a retry) keeps its first score. */
export async function insertMoods(db: Db, rows: ScoredMessage[], now: number): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('message_moods')
    .values(
      rows.map((r) => ({
        message_id: r.messageId,
        workspace_id: r.workspaceId,
        conversation_id: r.conversationId,
        seq: r.seq,
        mood: r.mood,
        confidence: r.confidence,
        valence: r.valence,
        scored_at: now,
      })),
    )
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

/**
 * Scores are found through their messages: a conversation's messages by
 * sequence (the messages' index), each message's score by its id (the
 * scores' primary key). The scores keep no index of their own on
 * conversation and sequence (migration 0049), and a merged conversation's
 * messages bring their scores along.
 */
const scored = (db: Db) => db.selectFrom('messages as m').innerJoin('message_moods as mm', 'mm.message_id', 'm.id');

/** A conversation's latest scores, oldest first. */
export async function recentMoods(db: Db, conversationId: string, limit: number): Promise<{ mood: Mood; valence: number }[]> {
  const rows = await scored(db)
    .select(['mm.mood', 'mm.valence'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.seq', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ mood: r.mood as Mood, valence: Number(r.valence) }));
}

/**
 * The latest scores of several conversations, oldest first each, in one query:
 * per conversation only the messages of its last `seqs` sequence numbers, so
 * the cost stays flat however long the conversation grows.
 */
export async function recentMoodsOf(
  db: Db,
  latest: { conversationId: string; seq: number }[],
  seqs: number,
  limit: number,
): Promise<Map<string, { seq: number; mood: Mood; valence: number }[]>> {
  const out = new Map<string, { seq: number; mood: Mood; valence: number }[]>(latest.map((l) => [l.conversationId, []]));
  if (latest.length === 0) return out;
  const rows = await scored(db)
    .select(['m.conversation_id', 'm.seq', 'mm.mood', 'mm.valence'])
    .where((eb) => eb.or(latest.map((l) => eb.and([eb('m.conversation_id', '=', l.conversationId), eb('m.seq', '>', l.seq - seqs)]))))
    .orderBy('m.conversation_id')
    .orderBy('m.seq')
    .execute();
  for (const r of rows) out.get(r.conversation_id)?.push({ seq: Number(r.seq), mood: r.mood as Mood, valence: Number(r.valence) });
  for (const [id, list] of out) if (list.length > limit) out.set(id, list.slice(-limit));
  return out;
}

/** The moods of a conversation's messages from `fromSeq` to `toSeq`, by sequence number. */
export async function moodsBySeq(db: Db, conversationId: string, fromSeq: number, toSeq: number): Promise<Map<number, MessageMood>> {
  const rows = await scored(db)
    .select(['m.seq', 'mm.mood', 'mm.confidence'])
    .where('m.conversation_id', '=', conversationId)
    .where('m.seq', '>=', fromSeq)
    .where('m.seq', '<=', toSeq)
    .execute();
  return new Map(rows.map((r) => [Number(r.seq), { mood: r.mood as Mood, confidence: Number(r.confidence) }]));
}

/** The conversations' mood and trend as stored now. */
export async function conversationMoods(
  db: Db,
  ids: string[],
): Promise<Map<string, { mood: Mood | null; confidence: number | null; trend: MoodTrend | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('conversations').select(['id', 'mood', 'mood_confidence', 'mood_trend']).where('id', 'in', ids).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        mood: (r.mood ?? null) as Mood | null,
        confidence: r.mood_confidence == null ? null : Number(r.mood_confidence),
        trend: (r.mood_trend ?? null) as MoodTrend | null,
      },
    ]),
  );
}

export async function setConversationMood(db: Db, id: string, m: { mood: Mood; confidence: number; trend: MoodTrend }): Promise<void> {
  await db.updateTable('conversations').set({ mood: m.mood, mood_confidence: m.confidence, mood_trend: m.trend }).where('id', '=', id).execute();
}

/** Adds each visitor message's mood to a page of history (operators only). */
export async function withMoods<T extends { conversationId: string; seq: number; author: { kind: string }; mood?: MessageMood | null }>(
  db: Db,
  conversationId: string,
  messages: T[],
): Promise<T[]> {
  const visitor = messages.filter((m) => m.author.kind === 'visitor');
  if (visitor.length === 0) return messages;
  const moods = await moodsBySeq(db, conversationId, visitor[0]!.seq, visitor[visitor.length - 1]!.seq);
  return messages.map((m) => (m.author.kind === 'visitor' ? { ...m, mood: moods.get(m.seq) ?? null } : m));
}
