/**
 * The Sales reports, one service function each so the reports page can
 * include them: by operator, team, inbox or trigger (purchases, revenue in
 * the report currency and per currency as reported, conversations, conversion
 * rate, average order value, the goals), and per day for charts. Purchases in
 * a currency without a rate are reported apart, never converted silently.
 * Days are UTC days.
 */
import type { SalesDay, SalesFigures, SalesGroupBy, SalesReport, SalesReportRow, SalesTimeseries } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { viewerOf } from '../policy/visibility.js';
import { DAY_MS, ruleInWords } from './sales.js';
import {
  attributedSums,
  attributedSumsPerDay,
  convertedConversations,
  convertedPerDay,
  groupNames,
  repliedConversations,
  repliedPerDay,
} from './sales-report.repository.js';
import { convert, readSalesSettings, type SalesSettings } from './sales-settings.js';

/** A month, for scaling the monthly revenue goal to a period. */
const MONTH_DAYS = 30;

interface Acc {
  purchases: number;
  amounts: Record<string, number>;
  counts: Record<string, number>;
  conversations: number;
  converted: number;
}

const emptyAcc = (): Acc => ({ purchases: 0, amounts: {}, counts: {}, conversations: 0, converted: 0 });

function figures(s: SalesSettings, a: Acc): SalesFigures {
  let revenueMinor = 0;
  let convertedPurchases = 0;
  const unconverted: string[] = [];
  for (const [currency, minor] of Object.entries(a.amounts)) {
    const v = convert(s, minor, currency);
    if (v === null) unconverted.push(currency);
    else {
      revenueMinor += v;
      convertedPurchases += a.counts[currency] ?? 0;
    }
  }
  return {
    purchases: a.purchases,
    revenueMinor,
    amounts: a.amounts,
    unconverted: unconverted.sort(),
    conversations: a.conversations,
    convertedConversations: a.converted,
    conversionRate: a.conversations > 0 ? a.converted / a.conversations : null,
    averageOrderMinor: convertedPurchases > 0 ? Math.round(revenueMinor / convertedPurchases) : null,
  };
}

export async function salesReport(ctx: Context, actor: Operator, q: { from: number; to: number; groupBy: SalesGroupBy }): Promise<SalesReport> {
  authorize(actor, 'sales.view');
  const ws = actor.workspaceId;
  const viewer = await viewerOf(ctx, actor);
  const s = await readSalesSettings(ctx.db, ws);
  const groups = new Map<string | null, Acc>();
  const totals = emptyAcc();
  const of = (key: string | null) => {
    const known = groups.get(key);
    if (known) return known;
    const g = emptyAcc();
    groups.set(key, g);
    return g;
  };
  for (const r of await attributedSums(ctx.db, viewer, q.from, q.to, q.groupBy)) {
    for (const acc of [of(r.key), totals]) {
      acc.purchases += r.purchases;
      acc.amounts[r.currency] = (acc.amounts[r.currency] ?? 0) + r.minor;
      acc.counts[r.currency] = (acc.counts[r.currency] ?? 0) + r.purchases;
    }
  }
  for (const r of await repliedConversations(ctx.db, viewer, q.from, q.to, q.groupBy)) of(r.key).conversations = r.count;
  for (const r of await convertedConversations(ctx.db, viewer, q.from, q.to, q.groupBy)) of(r.key).converted = r.count;
  const all = await repliedConversations(ctx.db, viewer, q.from, q.to, null);
  totals.conversations = all[0]?.count ?? 0;
  totals.converted = (await convertedConversations(ctx.db, viewer, q.from, q.to, null))[0]?.count ?? 0;
  const names = await groupNames(
    ctx.db,
    ws,
    q.groupBy,
    [...groups.keys()].filter((k): k is string => k !== null),
  );
  const rows: SalesReportRow[] = [...groups.entries()]
    .map(([id, acc]) => ({ id, name: id === null ? noneName(q.groupBy) : (names.get(id) ?? 'Removed'), ...figures(s, acc) }))
    .sort((a, b) => b.revenueMinor - a.revenueMinor || b.purchases - a.purchases || a.name.localeCompare(b.name));
  const total = figures(s, totals);
  const goal = s.revenueGoalMinor === null ? null : Math.round((s.revenueGoalMinor * (q.to - q.from)) / (MONTH_DAYS * DAY_MS));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    currency: s.currency,
    rows,
    totals: total,
    goals: {
      revenueMinor: goal,
      revenueProgress: goal ? total.revenueMinor / goal : null,
      conversionRate: s.conversionGoal,
    },
    rule: ruleInWords(s.windowDays),
  };
}

function noneName(groupBy: SalesGroupBy): string {
  return { operator: 'No operator (trigger only)', team: 'No team', inbox: 'No inbox', trigger: 'Without a trigger' }[groupBy];
}

export async function salesTimeseries(ctx: Context, actor: Operator, q: { from: number; to: number }): Promise<SalesTimeseries> {
  authorize(actor, 'sales.view');
  const viewer = await viewerOf(ctx, actor);
  const s = await readSalesSettings(ctx.db, actor.workspaceId);
  const first = Math.floor(q.from / DAY_MS);
  const last = Math.floor((q.to - 1) / DAY_MS);
  const days = new Map<number, SalesDay & { converted: number }>();
  for (let d = first; d <= last; d++) days.set(d, { day: d * DAY_MS, revenueMinor: 0, purchases: 0, conversations: 0, conversionRate: null, converted: 0 });
  const unconverted = new Set<string>();
  for (const r of await attributedSumsPerDay(ctx.db, viewer, q.from, q.to)) {
    const day = days.get(r.day);
    if (!day) continue;
    const v = convert(s, r.minor, r.currency);
    day.purchases += r.purchases;
    if (v === null) unconverted.add(r.currency);
    else day.revenueMinor += v;
  }
  for (const r of await convertedPerDay(ctx.db, viewer, q.from, q.to)) {
    const day = days.get(r.day);
    if (day) day.converted = r.count;
  }
  for (const r of await repliedPerDay(ctx.db, viewer, q.from, q.to)) {
    const day = days.get(r.day);
    if (day) day.conversations = r.count;
  }
  return {
    from: q.from,
    to: q.to,
    currency: s.currency,
    days: [...days.values()].map(({ converted, ...d }) => ({ ...d, conversionRate: d.conversations > 0 ? Math.min(1, converted / d.conversations) : null })),
    revenueGoalPerDayMinor: s.revenueGoalMinor === null ? null : Math.round(s.revenueGoalMinor / MONTH_DAYS),
    conversionGoal: s.conversionGoal,
    unconverted: [...unconverted].sort(),
  };
}
