/**
 * Mood storage on SQLite in one synchronous transaction, statements prepared
 * once (as the message writer's fast path). A batch stored through promises
 * holds the one connection open between its statements, and every message
 * commit that comes meanwhile waits for it: the tail of message latency
 * followed mood scoring. Synchronously, nothing else runs while it holds the
 * connection, for a fraction of a millisecond. The SQL is mood.repository.ts's.
 */
import type SQLite from 'better-sqlite3';
import type { Mood, MoodTrend } from '@switchboard/protocol';
import type { ConversationMood, ScoredMessage } from './mood.js';
import type { RecentScore } from './mood-cache.js';

interface StoredMood {
  mood: Mood | null;
  confidence: number | null;
  trend: MoodTrend | null;
}

export interface MoodWrites {
  /** Stored scores; a message scored twice keeps its first score. */
  insert(rows: ScoredMessage[], now: number): void;
  /** The conversation's mood as stored now (undefined: no such conversation). */
  stored(id: string): StoredMood | undefined;
  /** Its scores after `afterSeq`, oldest first, at most `limit`. */
  recent(id: string, afterSeq: number, limit: number): RecentScore[];
  setMood(id: string, m: ConversationMood): void;
}

export class SqliteMoodStore {
  private readonly insertOne: SQLite.Statement<unknown[]>;
  private readonly storedOne: SQLite.Statement<[string], { mood: string | null; mood_confidence: number | null; mood_trend: string | null }>;
  private readonly recentOf: SQLite.Statement<[string, number], { seq: number; mood: string; valence: number }>;
  private readonly setOne: SQLite.Statement<unknown[]>;

  constructor(private readonly sqlite: SQLite.Database) {
    this.insertOne = sqlite.prepare(
      `insert into message_moods (message_id, workspace_id, conversation_id, seq, mood, confidence, valence, scored_at)
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (message_id) do nothing`,
    );
    this.storedOne = sqlite.prepare('select mood, mood_confidence, mood_trend from conversations where id = ?');
    // Through the messages, as mood.repository.ts reads them (the scores have no index on conversation and sequence).
    this.recentOf = sqlite.prepare(
      'select m.seq, mm.mood, mm.valence from messages m join message_moods mm on mm.message_id = m.id where m.conversation_id = ? and m.seq > ? order by m.seq',
    );
    this.setOne = sqlite.prepare('update conversations set mood = ?, mood_confidence = ?, mood_trend = ? where id = ?');
  }

  /** False while a transaction of the asynchronous path is open between its statements. */
  get free(): boolean {
    return !this.sqlite.inTransaction;
  }

  /** Runs `work` in one synchronous transaction; it throws back (and stores nothing) on an error. */
  run<T>(work: (w: MoodWrites) => T): T {
    const writes: MoodWrites = {
      insert: (rows, now) => {
        for (const r of rows) this.insertOne.run(r.messageId, r.workspaceId, r.conversationId, r.seq, r.mood, r.confidence, r.valence, now);
      },
      stored: (id) => {
        const r = this.storedOne.get(id);
        return r && { mood: r.mood as Mood | null, confidence: r.mood_confidence, trend: r.mood_trend as MoodTrend | null };
      },
      recent: (id, afterSeq, limit) =>
        this.recentOf
          .all(id, afterSeq)
          .slice(-limit)
          .map((r) => ({ seq: Number(r.seq), mood: r.mood as Mood, valence: Number(r.valence) })),
      setMood: (id, m) => {
        this.setOne.run(m.mood, m.confidence, m.trend, id);
      },
    };
    return this.sqlite.transaction(() => work(writes))();
  }
}
