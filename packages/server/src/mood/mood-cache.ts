/**
 * What a node last stored of each conversation's mood: its mood, confidence
 * and trend, and the recent scores the trend reads. With it a batch neither
 * re-reads the conversations' moods nor their recent scores, the two queries
 * that were most of mood scoring's cost per message (README, Mood).
 *
 * Only where this node is the only writer: on SQLite (one process by
 * construction). On PostgreSQL another node may score the same conversation,
 * so each batch reads the stored state instead. Bounded: the least recently
 * scored conversations are forgotten first and read again when they return.
 */
import type { Mood, MoodTrend } from '@switchboard/protocol';

export interface RecentScore {
  seq: number;
  mood: Mood;
  valence: number;
}

export interface CachedMood {
  mood: Mood | null;
  confidence: number | null;
  trend: MoodTrend | null;
  /** Oldest first, at most the trend's window. */
  recent: RecentScore[];
}

export class MoodCache {
  private readonly entries = new Map<string, CachedMood>();

  constructor(private readonly max = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(conversationId: string): CachedMood | undefined {
    return this.entries.get(conversationId);
  }

  set(conversationId: string, value: CachedMood): void {
    this.entries.delete(conversationId);
    this.entries.set(conversationId, value);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** A conversation whose messages changed another way (a merge, a deletion): read again next time. */
  forget(conversationId: string): void {
    this.entries.delete(conversationId);
  }
}

/** The window after adding a batch's scores: no sequence number twice, only the last `seqs` numbers, at most `limit`. */
export function addScores(recent: RecentScore[], added: RecentScore[], seqs: number, limit: number): RecentScore[] {
  const bySeq = new Map<number, RecentScore>();
  for (const s of recent) bySeq.set(s.seq, s);
  for (const s of added) if (!bySeq.has(s.seq)) bySeq.set(s.seq, s);
  const all = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const last = all.length ? all[all.length - 1]!.seq : 0;
  return all.filter((s) => s.seq > last - seqs).slice(-limit);
}
