/**
 * A trigger's figures: shown, replied, reply rate, purchases and revenue per
 * currency (from the purchases attributed to it, sales/), per variant; and
 * which variant wins. The winner is decided by a two-sided two-proportion
 * z-test at 95% on the conversion (purchases per impression) once both
 * variants have purchases, else on the reply rate; below 100 impressions per
 * variant, or without significance, there is no winner yet.
 */
import type { VariantCounts, VariantPurchases } from './trigger.repository.js';

export const MIN_SAMPLE = 100;
/** |z| above this is significant at 95% (two-sided). */
export const Z_95 = 1.96;

export interface Revenue {
  currency: string;
  valueMinor: number;
}

export interface VariantStats {
  shown: number;
  replied: number;
  /** replied / shown; null when never shown. */
  replyRate: number | null;
  purchases: number;
  revenue: Revenue[];
}

export interface TriggerStats extends VariantStats {
  variants: { a: VariantStats; b: VariantStats | null };
  winner: { variant: 'a' | 'b' | null; metric: 'reply_rate' | 'conversion' | null; z: number | null; reason: string };
}

/** The two-proportion z statistic of x1/n1 against x2/n2 (pooled); null when it cannot be computed. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const p = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  return (x1 / n1 - x2 / n2) / se;
}

function variantStats(counts: VariantCounts | undefined, purchases: VariantPurchases[]): VariantStats {
  const shown = counts?.shown ?? 0;
  const replied = counts?.replied ?? 0;
  const byCurrency = new Map<string, number>();
  for (const p of purchases) byCurrency.set(p.currency, (byCurrency.get(p.currency) ?? 0) + p.valueMinor);
  return {
    shown,
    replied,
    replyRate: shown ? replied / shown : null,
    purchases: purchases.reduce((n, p) => n + p.purchases, 0),
    revenue: [...byCurrency].map(([currency, valueMinor]) => ({ currency, valueMinor })).sort((x, y) => x.currency.localeCompare(y.currency)),
  };
}

export function decideWinner(a: VariantStats, b: VariantStats | null): TriggerStats['winner'] {
  if (!b) return { variant: null, metric: null, z: null, reason: 'One message: no A/B test' };
  if (a.shown < MIN_SAMPLE || b.shown < MIN_SAMPLE)
    return { variant: null, metric: null, z: null, reason: `No winner yet: ${MIN_SAMPLE} impressions of each message needed` };
  const conversion = a.purchases > 0 && b.purchases > 0;
  const z = conversion ? twoProportionZ(a.purchases, a.shown, b.purchases, b.shown) : twoProportionZ(a.replied, a.shown, b.replied, b.shown);
  const metric = conversion ? 'conversion' : 'reply_rate';
  if (z === null || Math.abs(z) < Z_95) return { variant: null, metric, z, reason: 'No winner yet: the difference is not significant' };
  return { variant: z > 0 ? 'a' : 'b', metric, z, reason: `${z > 0 ? 'A' : 'B'} wins on ${conversion ? 'conversion' : 'reply rate'} (95% confidence)` };
}

export function statsOf(triggerId: string, hasB: boolean, counts: VariantCounts[], purchases: VariantPurchases[]): TriggerStats {
  const mine = counts.filter((c) => c.triggerId === triggerId);
  const bought = purchases.filter((p) => p.triggerId === triggerId);
  const a = variantStats(
    mine.find((c) => c.variant === 'a'),
    bought.filter((p) => p.variant !== 'b'),
  );
  const bCounts = mine.find((c) => c.variant === 'b');
  const b =
    hasB || bCounts
      ? variantStats(
          bCounts,
          bought.filter((p) => p.variant === 'b'),
        )
      : null;
  const all = variantStats({ triggerId, variant: 'a', shown: mine.reduce((n, c) => n + c.shown, 0), replied: mine.reduce((n, c) => n + c.replied, 0) }, bought);
  return { ...all, variants: { a, b }, winner: decideWinner(a, b) };
}
