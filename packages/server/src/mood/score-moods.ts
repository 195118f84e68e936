/**
 * Scores a batch of stored visitor messages for mood, stores each score and
 * each conversation's mood and trend in one transaction, then announces them:
 * `mood.scored` per message (the console's mark), `conversation.updated` per
 * conversation whose mood or trend changed (its summary), and `mood.soured` when a conversation's trend
 * turns souring (once, until it stops souring).
 */
import { type MoodModel, moodTrend, type MoodScore } from '@switchboard/assist';
import type { MoodTrend } from '@switchboard/protocol';
import { findConversation } from '../conversation/conversation.repository.js';
import { summarize } from '../conversation/conversation.service.js';
import type { Context } from '../context.js';
import { TREND_SEQS, TREND_WINDOW, type ConversationMood, type MoodItem, type ScoredMessage } from './mood.js';
import { addScores, type CachedMood, type MoodCache, type RecentScore } from './mood-cache.js';
import type { SqliteMoodStore } from './mood-sqlite.js';
import { conversationMoods, insertMoods, recentMoodsOf, setConversationMood } from './mood.repository.js';

export interface ScoreMoodsProps {
  model: MoodModel;
  items: MoodItem[];
  /** What this node stored last, where it is the only writer (SQLite); without it every batch reads the stored state. */
  cache?: MoodCache;
  /** SQLite's synchronous storage (mood-sqlite.ts); without it, or while the connection is in another transaction, through promises. */
  sqlite?: SqliteMoodStore;
}

const MAX_CHARS = 20_000;

/** Scores the texts: pure CPU, a few microseconds a message. */
export function scoreTexts(model: MoodModel, items: MoodItem[]): ScoredMessage[] {
  const out: ScoredMessage[] = [];
  for (const { body, ...item } of items) {
    const text = body.slice(0, MAX_CHARS);
    if (!text.trim()) continue;
    const s = model.score(text);
    out.push({ ...item, mood: s.mood, confidence: s.confidence, valence: s.valence });
  }
  return out;
}

/** The conversation's trend word: souring also when the mood is clearly bad and not getting better. */
export function trendOf(scores: { mood: MoodScore['mood']; valence: number }[]): MoodTrend {
  const t = moodTrend(scores);
  if (t.direction === 'improving') return 'improving';
  return t.direction === 'souring' || t.alert ? 'souring' : 'steady';
}

export async function scoreMoods(ctx: Context, p: ScoreMoodsProps): Promise<{ scored: number; soured: string[] }> {
  const scored = scoreTexts(p.model, p.items);
  if (scored.length === 0) return { scored: 0, soured: [] };
  const latest = new Map<string, ScoredMessage>();
  const added = new Map<string, RecentScore[]>();
  for (const s of scored) {
    if ((latest.get(s.conversationId)?.seq ?? -1) < s.seq) latest.set(s.conversationId, s);
    const list = added.get(s.conversationId) ?? [];
    list.push({ seq: s.seq, mood: s.mood, valence: s.valence });
    added.set(s.conversationId, list);
  }
  const now = ctx.now();
  const cache = p.cache;
  const stored = new Map<string, CachedMood>();
  const writes: unknown[] = [];
  /** The decisions, the same whichever way the state is read and written. */
  const decide = (
    before: (id: string) => Omit<CachedMood, 'recent'> | undefined,
    recentOf: (id: string) => RecentScore[],
    setMood: (id: string, m: ConversationMood) => unknown,
  ) => {
    const out: { id: string; mood: ConversationMood; soured: boolean }[] = [];
    for (const [id, last] of latest) {
      const known = cache?.get(id);
      const was = known ?? before(id);
      if (!was) continue;
      const window = addScores(known?.recent ?? recentOf(id), added.get(id) ?? [], TREND_SEQS, TREND_WINDOW);
      const mood: ConversationMood = { mood: last.mood, confidence: last.confidence, trend: trendOf(window) };
      // Nothing to write when it reads as before (to two decimals of confidence).
      const same = was.mood === mood.mood && was.trend === mood.trend && Math.abs((was.confidence ?? -1) - mood.confidence) < 0.005;
      if (!same) writes.push(setMood(id, mood));
      stored.set(id, same ? { ...was, recent: window } : { ...mood, recent: window });
      // Consoles hear of a new mood or trend; the confidence alone moving is stored, not announced.
      if (was.mood !== mood.mood || was.trend !== mood.trend) out.push({ id, mood, soured: mood.trend === 'souring' && was.trend !== 'souring' });
    }
    return out;
  };
  let changed: ReturnType<typeof decide>;
  const sync = p.sqlite;
  if (sync?.free) {
    // SQLite: one synchronous transaction, so message commits never wait behind this batch (mood-sqlite.ts).
    changed = sync.run((w) => {
      w.insert(scored, now);
      return decide(
        (id) => w.stored(id),
        (id) => w.recent(id, latest.get(id)!.seq - TREND_SEQS, TREND_WINDOW),
        (id, m) => w.setMood(id, m),
      );
    });
  } else {
    changed = await ctx.db.transaction().execute(async (trx) => {
      await insertMoods(trx, scored, now);
      // What this node stored last (SQLite), else the stored mood and the recent scores, read in one query each.
      const unknown = [...latest.values()].filter((l) => !cache?.get(l.conversationId));
      const before = await conversationMoods(
        trx,
        unknown.map((l) => l.conversationId),
      );
      const recent = await recentMoodsOf(trx, unknown, TREND_SEQS, TREND_WINDOW);
      const out = decide(
        (id) => before.get(id),
        (id) => recent.get(id) ?? [],
        (id, m) => setConversationMood(trx, id, m),
      );
      await Promise.all(writes);
      return out;
    });
  }
  // Only once committed: a rolled-back batch leaves the cache as the database is.
  for (const [id, value] of stored) cache?.set(id, value);
  for (const s of scored) {
    ctx.events.emit({
      type: 'mood.scored',
      workspaceId: s.workspaceId,
      conversationId: s.conversationId,
      seq: s.seq,
      mood: { mood: s.mood, confidence: s.confidence },
    });
  }
  const soured: string[] = [];
  for (const c of changed) {
    const row = await findConversation(ctx.db, latest.get(c.id)!.workspaceId, c.id);
    if (!row) continue;
    ctx.events.emit({ type: 'conversation.updated', workspaceId: row.workspace_id, visitorId: row.visitor_id, conversation: await summarize(ctx, row) });
    if (!c.soured) continue;
    soured.push(c.id);
    ctx.events.emit({ type: 'mood.soured', workspaceId: row.workspace_id, conversationId: c.id, confidence: c.mood.confidence });
  }
  return { scored: scored.length, soured };
}
