import type { MoodScore } from './types.js';

export interface MoodTrend {
  direction: 'improving' | 'steady' | 'souring';
  /** Recent valence (-1..1), exponentially weighted towards the latest messages. */
  current: number;
  /** Recent valence minus the conversation's earlier valence. */
  change: number;
  /** Consecutive negative messages at the end of the conversation. */
  negativeStreak: number;
  /** True when a person should look: recent mood clearly negative or falling fast. */
  alert: boolean;
}

const RECENT_WEIGHT = 0.5;
const MOVE = 0.25;

/** Trend of a customer's mood over a conversation's messages, oldest first. */
export function moodTrend(scores: readonly Pick<MoodScore, 'mood' | 'valence'>[]): MoodTrend {
  if (scores.length === 0) return { direction: 'steady', current: 0, change: 0, negativeStreak: 0, alert: false };
  let current = 0;
  let earlier = 0;
  scores.forEach((s, i) => {
    if (i === 0) current = s.valence;
    else current = RECENT_WEIGHT * s.valence + (1 - RECENT_WEIGHT) * current;
    if (i === scores.length - 2 || scores.length === 1) earlier = current;
  });
  const first = scores.slice(0, Math.max(1, Math.floor(scores.length / 2)));
  const baseline = scores.length > 1 ? first.reduce((a, s) => a + s.valence, 0) / first.length : earlier;
  const change = scores.length > 1 ? current - baseline : 0;
  let negativeStreak = 0;
  for (let i = scores.length - 1; i >= 0 && scores[i]!.mood === 'negative'; i--) negativeStreak++;
  const direction = change > MOVE ? 'improving' : change < -MOVE ? 'souring' : 'steady';
  const alert = current < -0.5 || negativeStreak >= 3 || (direction === 'souring' && current < -0.2);
  return { direction, current, change, negativeStreak, alert };
}
