/**
 * What the widget header says about an inbox's team that takes a query to
 * know: how soon it usually answers (the median time to the first answer over
 * the conversations of the last 14 days) and who answered lately (shown when
 * nobody is online). Computed away from the message path, lazily, at most once
 * per inbox every ten minutes per node (the clock's time), and shared by every
 * visitor meanwhile.
 */
import type { Context } from '../context.js';
import { firstResponseTimes, recentResponders } from './inbox-stats.repository.js';

export const STATS_WINDOW_MS = 14 * 24 * 3600_000;
export const STATS_TTL_MS = 10 * 60_000;
/** Fewer first answers than this say too little: no reply time is shown. */
export const MIN_SAMPLES = 5;

export interface InboxStats {
  /** Median ms from a conversation's start to its first answer; null with too little data. */
  medianReplyMs: number | null;
  samples: number;
  /** Operator ids, most recent first (at most three). */
  recentResponders: string[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export class InboxStatsCache {
  private readonly entries = new Map<string, { at: number; stats: Promise<InboxStats> }>();

  constructor(private readonly ctx: Pick<Context, 'db' | 'now' | 'log'>) {}

  get(inboxId: string): Promise<InboxStats> {
    const now = this.ctx.now();
    const hit = this.entries.get(inboxId);
    if (hit && now - hit.at < STATS_TTL_MS) return hit.stats;
    const stats = this.compute(inboxId, now);
    this.entries.set(inboxId, { at: now, stats });
    // A failed computation is not kept: the next visitor tries again.
    stats.catch(() => this.entries.delete(inboxId));
    if (this.entries.size > 10_000) this.entries.delete(this.entries.keys().next().value as string);
    return stats;
  }

  private async compute(inboxId: string, now: number): Promise<InboxStats> {
    const since = now - STATS_WINDOW_MS;
    const [times, responders] = await Promise.all([firstResponseTimes(this.ctx.db, inboxId, since), recentResponders(this.ctx.db, inboxId, since, 3)]);
    return { medianReplyMs: times.length >= MIN_SAMPLES ? median(times) : null, samples: times.length, recentResponders: responders };
  }
}
