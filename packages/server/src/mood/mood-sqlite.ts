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
import type { SideStatement } from '../db/side-writer.js';
import type { ConversationMood, ScoredMessage } from './mood.js';
import type { RecentScore } from './mood-cache.js';

const INSERT_SQL = `insert into message_moods (message_id, workspace_id, conversation_id, seq, mood, confidence, valence, scored_at)
  values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (message_id) do nothing`;
const SET_SQL = 'update conversations set mood = ?, mood_confidence = ?, mood_trend = ? where id = ?';

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
    this.insertOne = sqlite.prepare(INSERT_SQL);
    this.storedOne = sqlite.prepare('select mood, mood_confidence, mood_trend from conversations where id = ?');
    this.recentOf = sqlite.prepare('select seq, mood, valence from message_moods where conversation_id = ? and seq > ? order by seq');
    this.setOne = sqlite.prepare(SET_SQL);
  }

  /** The stored scores of a batch as statements for the side writer (db/side-writer.ts), the SQL of `insert`. */
  insertStatements(rows: ScoredMessage[], now: number): SideStatement[] {
    return rows.map((r) => [INSERT_SQL, [r.messageId, r.workspaceId, r.conversationId, r.seq, r.mood, r.confidence, r.valence, now]] as const);
  }

  /** A conversation's new mood as a statement for the side writer, the SQL of `setMood`. */
  setMoodStatement(id: string, m: ConversationMood): SideStatement {
    return [SET_SQL, [m.mood, m.confidence, m.trend, id]];
  }

  /** Reads outside any transaction (each read sees what was committed last, the side writer's batches included). */
  readonly reads: Pick<MoodWrites, 'stored' | 'recent'> = {
    stored: (id) => {
      const r = this.storedOne.get(id);
      return r && { mood: r.mood as Mood | null, confidence: r.mood_confidence, trend: r.mood_trend as MoodTrend | null };
    },
    recent: (id, afterSeq, limit) =>
      this.recentOf
        .all(id, afterSeq)
        .slice(-limit)
        .map((r) => ({ seq: Number(r.seq), mood: r.mood as Mood, valence: Number(r.valence) })),
  };

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
      ...this.reads,
      setMood: (id, m) => {
        this.setOne.run(m.mood, m.confidence, m.trend, id);
      },
    };
    return this.sqlite.transaction(() => work(writes))();
  }
}
